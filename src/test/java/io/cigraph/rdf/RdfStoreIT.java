package io.cigraph.rdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import io.cigraph.graph.GraphStore;
import io.cigraph.importing.ImportService;
import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

class RdfStoreIT extends IntegrationTest {

    @Autowired
    RdfStore store;

    @Autowired
    GraphStore graph;

    @Autowired
    ImportService imports;

    @Autowired
    Ontology ontology;

    @Test
    void holdsTheGraphsBatches() {
        assertThat(store.batches()).isEqualTo(graph.batches()).isNotEmpty();
    }

    @Test
    void importingTheSameFileAgainLeavesTheSameDataset() throws IOException {
        byte[] seed = Files.readAllBytes(Path.of("import/huawei-ecosystem.ttl"));
        List<String> data = DatasetContent.of(store.dataset(), RdfGraphs.DATA);
        List<String> inferred = DatasetContent.of(store.dataset(), RdfGraphs.INFERRED);
        imports.importTurtle("huawei-ecosystem.ttl", seed, true);
        assertThat(DatasetContent.of(store.dataset(), RdfGraphs.DATA)).isEqualTo(data);
        assertThat(DatasetContent.of(store.dataset(), RdfGraphs.INFERRED)).isEqualTo(inferred);
    }

    @Test
    void anEmptyStoreIsSeenAsMissingEveryBatchAndIsRebuiltFromTheGraphToTheSameContent() throws IOException {
        Path dir = Files.createTempDirectory("cigraph-tdb2-rebuild");
        RdfStore fresh = new RdfStore(RdfProperties.make(dir), ontology);
        try {
            assertThat(fresh.batches()).isEmpty();
            fresh.rebuild(graph);
            assertThat(fresh.batches()).isEqualTo(graph.batches());
            for (Node g : List.of(RdfGraphs.DATA, RdfGraphs.INFERRED, RdfGraphs.ONTOLOGY)) {
                assertThat(DatasetContent.of(fresh.dataset(), g)).as(g.getURI()).isEqualTo(DatasetContent.of(store.dataset(), g));
            }
        } finally {
            fresh.destroy();
            FileSystemUtils.deleteRecursively(dir);
        }
    }
}
