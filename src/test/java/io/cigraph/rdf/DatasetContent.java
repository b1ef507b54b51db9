package io.cigraph.rdf;

import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;

/** A dataset's graphs in a form two datasets can be compared by, whatever their blank node labels. */
final class DatasetContent {

    private DatasetContent() {
    }

    /** The quads of a graph with blank nodes (reifiers) replaced by what they reify, sorted. */
    static List<String> of(DatasetGraph dsg, Node graphName) {
        return Txn.calculateRead(dsg, () -> {
            List<Quad> quads = dsg.stream(graphName, Node.ANY, Node.ANY, Node.ANY).toList();
            return quads.stream().map(q -> name(dsg, q.getSubject()) + " " + q.getPredicate() + " " + name(dsg, q.getObject()))
                    .sorted().toList();
        });
    }

    private static String name(DatasetGraph dsg, Node n) {
        if (!n.isBlank()) {
            return n.toString();
        }
        return dsg.stream(RdfGraphs.DATA, n, RdfGraphs.REIFIES, Node.ANY).map(q -> "reifier-of" + q.getObject())
                .findFirst().orElse(n.toString());
    }
}
