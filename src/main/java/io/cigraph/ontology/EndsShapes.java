package io.cigraph.ontology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * Shapes for the ends of relations that no shape checks, made from their domain and range. The
 * core writes one for each relation by hand, with its own wording; a relation an extension adds
 * is then checked as well, without the extension's author having to know SHACL.
 */
final class EndsShapes {

    private static final String SH = "http://www.w3.org/ns/shacl#";

    private EndsShapes() {
    }

    /** Adds to {@code shapes} a shape for each forward relation that no {@code sh:targetSubjectsOf} names. */
    static void addMissing(Graph shapes, Collection<OntologyProperty> properties, Ontology ontology) {
        Node targetSubjectsOf = sh("targetSubjectsOf");
        for (OntologyProperty p : properties) {
            Node predicate = NodeFactory.createURI(p.iri());
            if (!p.relation() || !p.forward() || shapes.contains(Node.ANY, targetSubjectsOf, predicate)
                    || (p.domain().isEmpty() && p.range().isEmpty())) {
                continue;
            }
            Node shape = NodeFactory.createBlankNode();
            shapes.add(shape, RDF.type.asNode(), sh("NodeShape"));
            shapes.add(shape, targetSubjectsOf, predicate);
            String name = "kg:" + p.name();
            if (!p.domain().isEmpty()) {
                classes(shapes, shape, p.domain(), ontology);
                shapes.add(shape, sh("message"), NodeFactory.createLiteralString("The subject of " + name + " must be of class "
                        + names(p.domain(), ontology) + ", its rdfs:domain."));
            }
            if (!p.range().isEmpty()) {
                Node property = NodeFactory.createBlankNode();
                shapes.add(shape, sh("property"), property);
                shapes.add(property, sh("path"), predicate);
                classes(shapes, property, p.range(), ontology);
                shapes.add(property, sh("message"), NodeFactory.createLiteralString("What " + name + " links to must be of class "
                        + names(p.range(), ontology) + ", its rdfs:range."));
            }
        }
    }

    /** {@code sh:class C}, or {@code sh:or ( [ sh:class C1 ] [ sh:class C2 ] )} for a union. */
    private static void classes(Graph g, Node shape, List<String> classes, Ontology ontology) {
        if (classes.size() == 1) {
            g.add(shape, sh("class"), NodeFactory.createURI(ontology.termIri(classes.getFirst())));
            return;
        }
        List<Node> items = new ArrayList<>();
        for (String c : classes) {
            Node item = NodeFactory.createBlankNode();
            g.add(item, sh("class"), NodeFactory.createURI(ontology.termIri(c)));
            items.add(item);
        }
        Node list = RDF.nil.asNode();
        for (int i = items.size() - 1; i >= 0; i--) {
            Node cell = NodeFactory.createBlankNode();
            g.add(cell, RDF.first.asNode(), items.get(i));
            g.add(cell, RDF.rest.asNode(), list);
            list = cell;
        }
        g.add(shape, sh("or"), list);
    }

    private static String names(List<String> classes, Ontology ontology) {
        List<String> labels = classes.stream().map(c -> ontology.findClass(c).map(OntologyClass::label).orElse(c)
                + " (kg:" + c + ")").toList();
        return String.join(" or ", labels);
    }

    private static Node sh(String name) {
        return NodeFactory.createURI(SH + name);
    }
}
