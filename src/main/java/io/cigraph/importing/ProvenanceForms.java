package io.cigraph.importing;

import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;

/**
 * Brings the forms of provenance that tools write to the one the mapper reads, an RDF 1.2
 * reifier ({@code _:r rdf:reifies <<( s p o )>> ; kg:source ... }), in a parsed chunk before it is
 * mapped, so that every syntax and form ends in the same canonical records and is checked by the
 * same shapes:
 * <ul>
 * <li>RDF 1.1 reification, {@code _:r a rdf:Statement ; rdf:subject s ; rdf:predicate p ;
 * rdf:object o ; kg:source ...}, as mapping tools (tarql, RML, OpenRefine) and our own JSON-LD
 * export write it. The statement counts as stated whether or not the file also states
 * {@code s p o}: RDF 1.1 has no other way to give a triple provenance, and those tools often
 * write the reification alone. A statement is read in the chunk it is in: in a file larger than
 * a chunk, keep it in the block of its subject or right after it.</li>
 * <li>A named graph per source (TriG, N-Quads, JSON-LD {@code @graph} with an {@code @id}): a
 * relation stated in graph {@code res:some-article} has that source, unless an annotation of its
 * own names one. The graph's name must be a source under the base, described in the import or
 * already in the graph.</li>
 * </ul>
 */
final class ProvenanceForms {

    private final Ontology ontology;
    private final String file;
    private final TurtleFile chunk;
    private final List<ImportProblem> problems = new ArrayList<>();
    private final Map<Node, Node> graphSources = new LinkedHashMap<>();

    private ProvenanceForms(Ontology ontology, String file, TurtleFile chunk) {
        this.ontology = ontology;
        this.file = file;
        this.chunk = chunk;
    }

    /**
     * Rewrites the chunk's graph in place.
     *
     * @return the reifiers made for relations in named graphs, each with its graph, whose being a
     *         source the mapper checks once it knows the types of what the chunk names
     */
    static ProvenanceForms normalize(Ontology ontology, String file, TurtleFile chunk) {
        ProvenanceForms forms = new ProvenanceForms(ontology, file, chunk);
        forms.reifications();
        forms.namedGraphs();
        return forms;
    }

    List<ImportProblem> problems() {
        return problems;
    }

    /** Reifier to the named graph whose name is its relation's source. */
    Map<Node, Node> graphSources() {
        return graphSources;
    }

    private void reifications() {
        Graph g = chunk.graph();
        for (Triple first : g.find(Node.ANY, RDF.subject.asNode(), Node.ANY).toList()) {
            Node statement = first.getSubject();
            List<Node> subjects = objects(g, statement, RDF.subject.asNode());
            List<Node> predicates = objects(g, statement, RDF.predicate.asNode());
            List<Node> objects = objects(g, statement, RDF.object.asNode());
            long line = line(first);
            if (subjects.size() != 1 || predicates.size() != 1 || objects.size() != 1 || !predicates.getFirst().isURI()) {
                problem(line, subjects.size() == 1 ? id(subjects.getFirst()) : null, "rdf:Statement",
                        "A reified statement names exactly one rdf:subject, one rdf:predicate (a property of the ontology) "
                                + "and one rdf:object; this one has " + subjects.size() + ", " + predicates.size() + " and "
                                + objects.size() + ".");
                continue;
            }
            Triple stated = Triple.create(subjects.getFirst(), predicates.getFirst(), objects.getFirst());
            g.delete(Triple.create(statement, RDF.type.asNode(), RDF.Statement.asNode()));
            g.delete(first);
            g.delete(Triple.create(statement, RDF.predicate.asNode(), stated.getPredicate()));
            g.delete(Triple.create(statement, RDF.object.asNode(), stated.getObject()));
            add(Triple.create(statement, RecordMapper.REIFIES, NodeFactory.createTripleTerm(stated)), line);
            add(stated, line);
        }
    }

    private void namedGraphs() {
        if (chunk.graphs().isEmpty()) {
            return;
        }
        Graph g = chunk.graph();
        Node source = NodeFactory.createURI(ontology.termIri("source"));
        Map<Triple, Node> reifiers = new HashMap<>();
        java.util.Set<Node> annotations = new java.util.HashSet<>();
        g.find(Node.ANY, RecordMapper.REIFIES, Node.ANY).forEach(t -> {
            if (t.getObject().isTripleTerm()) {
                reifiers.putIfAbsent(t.getObject().getTriple(), t.getSubject());
                annotations.add(t.getSubject());
            }
        });
        chunk.graphs().forEach((t, graphName) -> {
            OntologyProperty p = property(t.getPredicate());
            if (p == null || !p.relation() || !t.getSubject().isURI() || annotations.contains(t.getSubject())) {
                return;
            }
            long line = line(t);
            if (!graphName.isURI() || ontology.idOf(graphName.getURI()) == null) {
                problem(line, id(t.getSubject()), p.name(), "The relation is in the named graph " + graphName
                        + ", which stands for its source: name the graph after a source under " + ontology.baseIri()
                        + " (such as res:some-article) and describe that source (res:some-article a kg:Article).");
                return;
            }
            Node reifier = reifiers.get(t);
            if (reifier == null) {
                reifier = NodeFactory.createBlankNode();
                add(Triple.create(reifier, RecordMapper.REIFIES, NodeFactory.createTripleTerm(t)), line);
            }
            if (!g.contains(reifier, source, Node.ANY)) {
                add(Triple.create(reifier, source, graphName), line);
                graphSources.put(reifier, graphName);
            }
        });
    }

    private void add(Triple t, long line) {
        chunk.graph().add(t);
        chunk.lineOf(t, line);
    }

    private static List<Node> objects(Graph g, Node subject, Node predicate) {
        return g.find(subject, predicate, Node.ANY).mapWith(Triple::getObject).toList();
    }

    private long line(Triple t) {
        Long line = chunk.lineOf(t);
        return line == null ? 0 : line;
    }

    private OntologyProperty property(Node p) {
        String term = p.isURI() ? ontology.termOf(p.getURI()) : null;
        return term == null ? null : ontology.findProperty(term).orElse(null);
    }

    private String id(Node n) {
        return n.isURI() ? ontology.idOf(n.getURI()) : null;
    }

    private void problem(long line, String record, String field, String message) {
        problems.add(new ImportProblem(file, line > 0 ? line : null, record, field, message));
    }
}
