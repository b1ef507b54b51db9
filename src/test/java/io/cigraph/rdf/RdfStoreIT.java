package io.cigraph.rdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import io.cigraph.graph.GraphStore;
import io.cigraph.importing.ImportService;
import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RdfStoreIT extends IntegrationTest {

    @Autowired
    RdfStore store;

    @Autowired
    GraphStore graph;

    @Autowired
    ImportService imports;

    @Autowired
    Ontology ontology;

    /** The quads of a graph with blank nodes (reifiers) replaced by what they reify, sorted. */
    private static List<String> content(DatasetGraph dsg, Node graphName) {
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

    @Test
    void holdsTheGraphsBatches() {
        assertThat(store.batches()).isEqualTo(graph.batches()).isNotEmpty();
    }

    @Test
    void importingTheSameFileAgainLeavesTheSameDataset() throws IOException {
        byte[] seed = Files.readAllBytes(Path.of("import/huawei-ecosystem.ttl"));
        List<String> data = content(store.dataset(), RdfGraphs.DATA);
        List<String> inferred = content(store.dataset(), RdfGraphs.INFERRED);
        imports.importTurtle("huawei-ecosystem.ttl", seed, true);
        assertThat(content(store.dataset(), RdfGraphs.DATA)).isEqualTo(data);
        assertThat(content(store.dataset(), RdfGraphs.INFERRED)).isEqualTo(inferred);
    }

    @Test
    void anEmptyStoreIsSeenAsMissingEveryBatchAndIsRebuiltFromTheGraphToTheSameContent() throws IOException {
        Path dir = Files.createTempDirectory("cigraph-tdb2-rebuild");
        RdfStore fresh = new RdfStore(new RdfProperties(dir, Duration.ofSeconds(5), 100), ontology);
        try {
            assertThat(fresh.batches()).isEmpty();
            fresh.rebuild(graph);
            assertThat(fresh.batches()).isEqualTo(graph.batches());
            for (Node g : List.of(RdfGraphs.DATA, RdfGraphs.INFERRED, RdfGraphs.ONTOLOGY)) {
                assertThat(content(fresh.dataset(), g)).as(g.getURI()).isEqualTo(content(store.dataset(), g));
            }
        } finally {
            fresh.destroy();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
