package io.cigraph.rdf;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * JSON-LD 1.1 has no triple terms, so Jena's JSON-LD writer fails on RDF 1.2 reifiers. For JSON-LD
 * a reifier states what it reifies with the classic reification vocabulary ({@code rdf:subject},
 * {@code rdf:predicate}, {@code rdf:object}), which JSON-LD tools understand; its annotations
 * (source, evidence, ...) stay as they are, so the provenance survives.
 */
final class JsonLdReifiers {

    private JsonLdReifiers() {
    }

    static void add(Graph g, Triple t) {
        if (t.getPredicate().equals(RdfGraphs.REIFIES) && t.getObject().isTripleTerm()) {
            Triple reified = t.getObject().getTriple();
            g.add(t.getSubject(), RDF.type.asNode(), RDF.Statement.asNode());
            g.add(t.getSubject(), RDF.subject.asNode(), reified.getSubject());
            g.add(t.getSubject(), RDF.predicate.asNode(), reified.getPredicate());
            g.add(t.getSubject(), RDF.object.asNode(), reified.getObject());
        } else {
            g.add(t);
        }
    }

    /** The graph itself when it holds no triple term, else a copy with its reifiers rewritten. */
    static Graph rewrite(Graph graph) {
        boolean quoted = graph.stream().anyMatch(t -> t.getObject().isTripleTerm() || t.getSubject().isTripleTerm());
        if (!quoted) {
            return graph;
        }
        Graph out = GraphFactory.createDefaultGraph();
        out.getPrefixMapping().setNsPrefixes(graph.getPrefixMapping());
        graph.find(Node.ANY, Node.ANY, Node.ANY).forEach(t -> add(out, t));
        return out;
    }
}
