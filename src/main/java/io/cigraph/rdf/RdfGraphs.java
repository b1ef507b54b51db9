package io.cigraph.rdf;

import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.XSD;

/**
 * How the dataset is laid out. Stated facts, facts derived from the ontology, the ontology itself
 * and the import ledger live in four named graphs, so that what the files say can always be told
 * apart from what the ontology implies (and counted like the property graph counts it), while
 * queries see all of them together as the default graph.
 */
final class RdfGraphs {

    /** What the records state: types as stated, names, properties, relations with their reifiers. */
    static final Node DATA = NodeFactory.createURI("https://w3id.org/cigraph/graph/data");
    /** Superclass types, super-properties and inverse (and symmetric) relations the ontology implies. */
    static final Node INFERRED = NodeFactory.createURI("https://w3id.org/cigraph/graph/inferred");
    /** The OWL ontology, so that queries can walk the class and property hierarchy. */
    static final Node ONTOLOGY = NodeFactory.createURI("https://w3id.org/cigraph/graph/ontology");
    /** One node per batch held, keyed by its content hash. */
    static final Node LEDGER = NodeFactory.createURI("https://w3id.org/cigraph/graph/ledger");
    /** The graphs an import writes, all but the ontology's and the claims graphs: what a rebuild or an abandoned bulk load empties. */
    static final List<Node> IMPORTED = List.of(DATA, INFERRED, LEDGER);
    /**
     * Start of the claims graphs' names, one a batch ({@code .../graph/claims/batch-...}): what that
     * import said of the records that more than one live import states.
     */
    static final String CLAIMS = "https://w3id.org/cigraph/graph/claims/";

    static final String LEDGER_NS = "https://w3id.org/cigraph/ledger#";
    static final Node BATCH_SHA256 = NodeFactory.createURI(LEDGER_NS + "sha256");
    static final Node BATCH_ID = NodeFactory.createURI(LEDGER_NS + "batch");
    static final Node BATCH_FILE = NodeFactory.createURI(LEDGER_NS + "file");
    /** RDF 1.2's link from a reifier to the triple term it describes. */
    static final Node REIFIES = NodeFactory.createURI(RDF.getURI() + "reifies");

    private RdfGraphs() {
    }

    /** The claims graph of a batch. */
    static Node claims(String batch) {
        return NodeFactory.createURI(CLAIMS + batch);
    }

    static boolean isClaims(Node graph) {
        return graph != null && graph.isURI() && graph.getURI().startsWith(CLAIMS);
    }

    /** Empties what imports wrote: the data, inferred and ledger graphs, and every claims graph. */
    static void clearImported(DatasetGraph dataset) {
        IMPORTED.forEach(g -> dataset.deleteAny(g, Node.ANY, Node.ANY, Node.ANY));
        List<Node> claims = new java.util.ArrayList<>();
        dataset.listGraphNodes().forEachRemaining(g -> {
            if (isClaims(g)) {
                claims.add(g);
            }
        });
        claims.forEach(g -> dataset.deleteAny(g, Node.ANY, Node.ANY, Node.ANY));
    }

    /** The prefixes every query may use without declaring them, and exports declare. */
    static PrefixMapping prefixes(String vocabIri, String baseIri) {
        PrefixMapping p = PrefixMapping.Factory.create();
        p.setNsPrefixes(Map.of("kg", vocabIri, "res", baseIri, "rdf", RDF.getURI(), "rdfs", RDFS.getURI(),
                "owl", OWL.getURI(), "xsd", XSD.NS, "skos", SKOS.getURI(), "dcterms", DCTerms.getURI()));
        return p.lock();
    }
}
