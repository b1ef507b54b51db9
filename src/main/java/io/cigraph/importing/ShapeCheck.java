package io.cigraph.importing;

import io.cigraph.model.RelationRecord;
import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.ShapeViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * Runs the ontology's shapes over a file and points each finding at a record, field and line.
 * The data graph the shapes see is the file plus: the class hierarchy (so a Smartwatch counts as
 * a Device), the types of resources it references that are already in the graph, and each
 * relation as a {@code kg:Statement} carrying its annotations (so provenance is checked too).
 */
final class ShapeCheck {

    private ShapeCheck() {
    }

    static Graph validationGraph(Ontology ontology, Graph data, Map<Node, Triple> reifiers, Graph source,
                                 Map<Node, RelationRecord> statements, Map<String, List<String>> external) {
        Graph g = GraphFactory.createGraphMem();
        ontology.graph().find(Node.ANY, RDFS.subClassOf.asNode(), Node.ANY).forEach(g::add);
        data.find().forEach(g::add);
        Node statement = NodeFactory.createURI(ontology.termIri("Statement"));
        statements.forEach((node, relation) -> {
            g.add(Triple.create(node, RDF.type.asNode(), statement));
            if (reifiers.containsKey(node)) {
                source.find(node, Node.ANY, Node.ANY).forEach(t -> {
                    if (!t.getPredicate().equals(RecordMapper.REIFIES)) {
                        g.add(t);
                    }
                });
            }
        });
        external.forEach((id, types) -> types.forEach(type -> g.add(Triple.create(
                NodeFactory.createURI(ontology.iriOf(id)), RDF.type.asNode(), NodeFactory.createURI(ontology.termIri(type))))));
        return g;
    }

    /**
     * What the shapes found, split by severity.
     *
     * @param errors   findings that reject the file
     * @param warnings findings that do not block the import
     */
    record Result(List<ImportProblem> errors, List<ImportProblem> warnings) {
    }

    /**
     * Runs the shapes once and turns their findings into problems. Resources the chunk merely
     * points at (described elsewhere in the import, or in the graph) are not checked here: what the
     * chunk sees of them is incomplete, and where they are described they are checked whole.
     */
    static Result check(Ontology ontology, String file, RecordMapper.Mapped mapped, TurtleFile turtle) {
        Map<String, RelationRecord> byStatement = new HashMap<>();
        mapped.statements().forEach((node, r) -> byStatement.put(node.toString(), r));
        List<ImportProblem> errors = new ArrayList<>();
        List<ImportProblem> warnings = new ArrayList<>();
        Set<Node> external = new HashSet<>();
        mapped.external().keySet().forEach(id -> external.add(NodeFactory.createURI(ontology.iriOf(id))));
        for (ShapeViolation v : ontology.validate(mapped.data(), node -> !external.contains(node))) {
            List<ImportProblem> problems = v.error() ? errors : warnings;
            String field = v.path() == null ? null : shortName(ontology, v.path());
            RelationRecord relation = byStatement.get(v.focusNode());
            if (relation != null) {
                problems.add(new ImportProblem(file, relation.line() > 0 ? relation.line() : null, relation.subject(),
                        relation.predicate() + " -> " + relation.object() + (field == null ? "" : " / " + field), v.message()));
                continue;
            }
            String id = ontology.idOf(v.focusNode());
            problems.add(new ImportProblem(file, lineOf(turtle, v), id != null ? id : v.focusNode(), field,
                    v.value() == null || v.value().equals(v.focusNode()) ? v.message() : v.message() + " (found: " + v.value() + ")"));
        }
        return new Result(errors, warnings);
    }

    private static Long lineOf(TurtleFile turtle, ShapeViolation v) {
        Node subject = NodeFactory.createURI(v.focusNode());
        long best = 0;
        for (Triple t : turtle.graph().find(subject, Node.ANY, Node.ANY).toList()) {
            Long line = turtle.lineOf(t);
            boolean onPath = v.path() != null && v.path().contains(t.getPredicate().getURI());
            if (line != null && (best == 0 || onPath || line < best)) {
                best = line;
                if (onPath) {
                    break;
                }
            }
        }
        return best > 0 ? best : null;
    }

    private static String shortName(Ontology ontology, String path) {
        String bare = path.startsWith("<") && path.endsWith(">") ? path.substring(1, path.length() - 1) : path;
        String term = ontology.termOf(bare);
        if (term != null) {
            return term;
        }
        return bare.replace(RDFS.getURI(), "rdfs:").replace("http://www.w3.org/2004/02/skos/core#", "skos:")
                .replace("http://purl.org/dc/terms/", "dcterms:");
    }
}
