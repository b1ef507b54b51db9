package io.cigraph.rdf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

/**
 * The data graph's quads in an RDF 1.1 profile, one quad at a time, so that an export streams as
 * the RDF 1.2 one does. Every reifier {@code _:r rdf:reifies <<( s p o )>>} becomes a classic
 * reification ({@code _:r a rdf:Statement ; rdf:subject s ; rdf:predicate p ; rdf:object o}) and
 * every other triple about the reifier is kept as it is: whatever annotation properties the data
 * graph holds (source, evidence, confidence, the batches that stated it, ...) travel with the
 * statement without this class knowing them. A triple term anywhere else (none is written today)
 * becomes a blank node reifying it, named after the triple so that the same term is one node.
 * <p>
 * With {@code bySource}, a statement goes into one named graph per source its reifiers cite (the
 * reified triple too, as many times as it has sources), and what cites no source into the default
 * graph: the form in which TriG and N-Quads tools say where a fact comes from. That needs to know,
 * for each quad, whether its subject is a reifier and what it cites, and for each triple which
 * reifiers cite it: index lookups on the store being read, the subject's answer kept while the
 * quads of one subject follow each other (they come in subject order).
 */
final class Rdf11Quads {

    private static final Node TYPE = RDF.type.asNode();
    private static final Node STATEMENT = RDF.Statement.asNode();

    private final DatasetGraph dsg;
    private final Node source;
    private final boolean bySource;
    private Node lastSubject;
    private List<Node> lastGraphs;

    Rdf11Quads(DatasetGraph dsg, Node source, boolean bySource) {
        this.dsg = dsg;
        this.source = source;
        this.bySource = bySource;
    }

    /** Sends the RDF 1.1 form of one quad of the data (or inferred) graph. */
    void send(Quad q, Consumer<Quad> out) {
        List<Node> graphs = bySource ? graphsOf(q) : List.of(q.getGraph());
        for (Node g : graphs) {
            reify(g, q.getSubject(), q.getPredicate(), q.getObject(), out);
        }
    }

    private void reify(Node g, Node s, Node p, Node o, Consumer<Quad> out) {
        if (p.equals(RdfGraphs.REIFIES) && o.isTripleTerm()) {
            Triple t = o.getTriple();
            out.accept(Quad.create(g, s, TYPE, STATEMENT));
            out.accept(Quad.create(g, s, RDF.subject.asNode(), term(g, t.getSubject(), out)));
            out.accept(Quad.create(g, s, RDF.predicate.asNode(), t.getPredicate()));
            out.accept(Quad.create(g, s, RDF.object.asNode(), term(g, t.getObject(), out)));
        } else {
            out.accept(Quad.create(g, term(g, s, out), p, term(g, o, out)));
        }
    }

    /** A node with no triple term in it: the node itself, or a blank node reifying the term. */
    private Node term(Node g, Node n, Consumer<Quad> out) {
        if (!n.isTripleTerm()) {
            return n;
        }
        Triple t = n.getTriple();
        Node b = NodeFactory.createBlankNode("t" + UUID.nameUUIDFromBytes(t.toString().getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", ""));
        reify(g, b, RdfGraphs.REIFIES, n, out);
        return b;
    }

    /**
     * The graphs a quad goes to by source: a reifier's triples to the graphs of the sources it
     * cites, a reified triple to those of its reifiers, anything else (or citing nothing) to the
     * default graph. The inferred graph is left out: it is what the ontology implies, not a
     * source's statement, and any reader holding the ontology derives it again.
     */
    private List<Node> graphsOf(Quad q) {
        if (RdfGraphs.INFERRED.equals(q.getGraph())) {
            return List.of();
        }
        Node s = q.getSubject();
        if (!s.equals(lastSubject)) {
            lastSubject = s;
            lastGraphs = dsg.contains(RdfGraphs.DATA, s, RdfGraphs.REIFIES, Node.ANY) ? sourcesOf(List.of(s)) : null;
        }
        if (lastGraphs != null) {
            return lastGraphs;
        }
        if (q.getObject().isLiteral() || q.getPredicate().equals(TYPE)) {
            return List.of(Quad.defaultGraphIRI);
        }
        List<Node> reifiers = new ArrayList<>();
        dsg.find(RdfGraphs.DATA, Node.ANY, RdfGraphs.REIFIES, NodeFactory.createTripleTerm(q.asTriple()))
                .forEachRemaining(r -> reifiers.add(r.getSubject()));
        return sourcesOf(reifiers);
    }

    private List<Node> sourcesOf(List<Node> reifiers) {
        Set<Node> sources = new LinkedHashSet<>();
        for (Node r : reifiers) {
            dsg.find(RdfGraphs.DATA, r, source, Node.ANY).forEachRemaining(q -> {
                if (q.getObject().isURI()) {
                    sources.add(q.getObject());
                }
            });
        }
        return sources.isEmpty() ? List.of(Quad.defaultGraphIRI) : List.copyOf(sources);
    }
}
