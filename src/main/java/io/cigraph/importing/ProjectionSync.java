package io.cigraph.importing;

import io.cigraph.graph.GraphStore;
import io.cigraph.model.Projection;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the stores in step with the graph: at start ({@link StartupLoad}), any store whose ledger
 * lacks a batch the graph holds (it crashed between commits, or its files were deleted) is rebuilt
 * from the graph before the bundled data is loaded and before the service takes requests.
 */
@Component
class ProjectionSync {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionSync.class);
    static final int CHUNK = 10_000;

    private final GraphStore graph;
    private final List<Projection> projections;

    ProjectionSync(GraphStore graph, List<Projection> projections) {
        this.graph = graph;
        this.projections = projections;
    }

    void catchUp() {
        Set<String> held = graph.batches();
        for (Projection p : projections) {
            if (p != graph && !p.batches().equals(held)) {
                LOG.info("Store {} does not hold the graph's {} batch(es): rebuilding it from the graph", p.name(), held.size());
                rebuild(p);
            }
        }
    }

    void rebuild(Projection p) {
        long start = System.nanoTime();
        p.rebuild(graph);
        LOG.info("Store {} rebuilt from the graph in {} ms", p.name(), (System.nanoTime() - start) / 1_000_000);
    }
}
