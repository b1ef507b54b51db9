package io.cigraph.rdf;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;
import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyProperty;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;

/**
 * JSON-LD that reads as JSON: compacted against a context of the export's prefixes, the ontology's
 * vocabulary as {@code @vocab} (so classes and properties are their local names), a term per
 * relation whose values are resources ({@code "develops": "res:nearlink"}), a term per literal
 * property typed by its datatype, and the names, description and reification terms
 * ({@code "@type": "Statement", "subject": "res:huawei", "predicate": "develops", ...}). The context
 * is made from the ontology, so properties added to it get terms without code. Jena writes the
 * dataset as expanded JSON-LD, which Titanium (Jena's own JSON-LD processor) compacts.
 */
final class JsonLdContext {

    private final JsonObject context;

    JsonLdContext(Ontology ontology, PrefixMapping prefixes) {
        JsonObjectBuilder c = Json.createObjectBuilder();
        c.add("@vocab", ontology.vocabIri());
        new TreeMap<>(prefixes.getNsPrefixMap()).forEach(c::add);
        for (OntologyProperty p : ontology.properties()) {
            if (!p.iri().startsWith(ontology.vocabIri())) {
                continue;
            }
            String range = p.range().isEmpty() ? "" : p.range().getFirst();
            if (p.objectProperty()) {
                c.add(p.name(), Json.createObjectBuilder().add("@id", "kg:" + p.name()).add("@type", "@id"));
            } else if (range.startsWith("xsd:") && !range.equals("xsd:string")) {
                c.add(p.name(), Json.createObjectBuilder().add("@id", "kg:" + p.name()).add("@type", range));
            }
        }
        c.add("label", RDFS.label.getURI());
        c.add("altLabel", SKOS.altLabel.getURI());
        c.add("description", DCTerms.description.getURI());
        c.add("Statement", RDF.Statement.getURI());
        c.add("subject", Json.createObjectBuilder().add("@id", RDF.subject.getURI()).add("@type", "@id"));
        // A predicate is a term of the vocabulary: "develops" rather than "kg:develops".
        c.add("predicate", Json.createObjectBuilder().add("@id", RDF.predicate.getURI()).add("@type", "@vocab"));
        c.add("object", Json.createObjectBuilder().add("@id", RDF.object.getURI()).add("@type", "@id"));
        this.context = Json.createObjectBuilder().add("@context", c).build();
    }

    /** Writes a dataset (without triple terms) as compacted, indented JSON-LD. */
    void write(OutputStream out, DatasetGraph dsg) {
        ByteArrayOutputStream expanded = new ByteArrayOutputStream();
        RDFDataMgr.write(expanded, dsg, RDFFormat.JSONLD11_PLAIN);
        try {
            JsonObject compacted = JsonLd.compact(JsonDocument.of(new ByteArrayInputStream(expanded.toByteArray())),
                    JsonDocument.of(context)).get();
            // The writer closes what it writes to; the response's stream is its caller's to close.
            OutputStream kept = new FilterOutputStream(out) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            try (JsonWriter w = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(kept)) {
                w.writeObject(compacted);
            }
        } catch (JsonLdError e) {
            throw new IllegalStateException("Cannot compact the JSON-LD export: " + e.getMessage(), e);
        }
    }
}
