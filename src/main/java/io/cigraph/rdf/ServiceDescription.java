package io.cigraph.rdf;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.fuseki.DEF;
import org.apache.jena.fuseki.system.ConNeg;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.vocabulary.RDF;

/**
 * The SPARQL 1.1 Service Description of {@code /sparql}: what it accepts, which result formats it
 * writes, how its default graph is made, and which named graphs it has. In the RDF syntax the
 * caller accepts (Turtle by default), chosen by Jena's content negotiation.
 */
class ServiceDescription {

    private static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    private static final String FORMATS = "http://www.w3.org/ns/formats/";

    private final PrefixMapping prefixes;

    ServiceDescription(PrefixMapping prefixes) {
        this.prefixes = prefixes;
    }

    void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MediaType type = ConNeg.chooseContentType(request, DEF.rdfOffer, DEF.acceptTurtleDefault());
        Lang lang = RDFLanguages.contentTypeToLang(type.getContentTypeStr());
        if (lang == null) {
            lang = Lang.TURTLE;
        }
        Model model = model(request.getRequestURL().toString());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(lang.getContentType().getContentTypeStr());
        response.setCharacterEncoding("UTF-8");
        if (!"HEAD".equals(request.getMethod())) {
            RDFDataMgr.write(response.getOutputStream(), model, lang);
        }
    }

    Model model(String endpoint) {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefixes(prefixes);
        m.setNsPrefix("sd", SD);
        m.setNsPrefix("formats", FORMATS);
        Resource service = m.createResource(m.createResource(SD + "Service"));
        service.addProperty(m.createProperty(SD, "endpoint"), m.createResource(endpoint));
        service.addProperty(m.createProperty(SD, "supportedLanguage"), m.createResource(SD + "SPARQL11Query"));
        service.addProperty(m.createProperty(SD, "feature"), m.createResource(SD + "UnionDefaultGraph"));
        for (String format : new String[] {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML"}) {
            service.addProperty(m.createProperty(SD, "resultFormat"), m.createResource(FORMATS + format));
        }
        Resource dataset = m.createResource().addProperty(RDF.type, m.createResource(SD + "Dataset"));
        service.addProperty(m.createProperty(SD, "defaultDataset"), dataset);
        dataset.addProperty(m.createProperty(SD, "defaultGraph"), m.createResource()
                .addProperty(RDF.type, m.createResource(SD + "Graph"))
                .addProperty(m.createProperty("http://www.w3.org/2000/01/rdf-schema#comment"),
                        "The union of the named graphs: stated data (the effective record), ontology inferences, the ontology, the "
                                + "import ledger, and the claims graphs (" + RdfGraphs.CLAIMS + "BATCH: what each import said of "
                                + "the records that more than one live import states)."));
        for (Node graph : new Node[] {RdfGraphs.DATA, RdfGraphs.INFERRED, RdfGraphs.ONTOLOGY, RdfGraphs.LEDGER}) {
            dataset.addProperty(m.createProperty(SD, "namedGraph"), m.createResource()
                    .addProperty(RDF.type, m.createResource(SD + "NamedGraph"))
                    .addProperty(m.createProperty(SD, "name"), m.createResource(graph.getURI())));
        }
        return m;
    }
}
