package io.cigraph.importing;

import io.cigraph.graph.GraphStore;
import io.cigraph.model.Projection;
import io.cigraph.model.StoreContent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the stores in step with the graph, the source of truth. At start ({@link StartupLoad})
 * each store's ledger is compared with the graph's, and a store that lacks a batch or holds one
 * too many (it stopped between commits, its files were deleted) is rebuilt from the graph before
 * the bundled data is loaded and before the service takes requests. The counts of resources and
 * relations, which catch what wrote past the imports, take a scan of the RDF store (seconds at a
 * million entities), so the service compares them once it is up and reports a difference in its
 * log and in the {@code stores} health component, for {@code rebuild} to mend; the command line's
 * import compares them before it starts, as it has no readiness to keep waiting.
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

    /**
     * Undoes a bulk load through the driver that was stopped before it ended: the graph is emptied
     * and every other store rebuilt from it (emptied too), so that the load runs again from the start.
     */
    void clearInterruptedBulkLoad() {
        long orphans = graph.clearInterruptedBulkLoad();
        if (orphans >= 0) {
            LOG.warn("A bulk load through the driver was stopped before its end, with {} resources written: "
                    + "it is undone and every store is empty again", orphans);
            projections.stream().filter(p -> p != graph).forEach(this::rebuild);
        }
    }

    /**
     * Brings every store whose ledger differs from the graph's in line; reads ledgers only. A store
     * that holds batches follows the graph from there ({@link #follow}: a replica that was down, a
     * process stopped between commits); an empty one (a new replica, a deleted folder) is rebuilt.
     */
    void catchUpLedgers() {
        // Counts left out (zero everywhere): only the ledgers are compared here.
        Map<String, String> differences = differences(projections.stream()
                .map(p -> new StoreContent(p.name(), p.batches(), 0, 0)).toList());
        for (Projection p : projections) {
            String difference = differences.get(p.name());
            if (difference == null) {
                continue;
            }
            LOG.warn("Store {} disagrees with the graph ({}): bringing it in line", p.name(), difference);
            if (p.batches().isEmpty()) {
                rebuild(p);
            } else {
                try {
                    follow(p);
                } catch (RuntimeException e) {
                    LOG.warn("Store {} could not follow the graph record by record: rebuilding it", p.name(), e);
                    rebuild(p);
                }
            }
        }
    }

    /** Rebuilds every store that disagrees with the graph, ledgers and counts, then logs whether they all agree. */
    void catchUp() {
        List<StoreContent> contents = contents();
        Map<String, String> differences = differences(contents);
        rebuildDisagreeing(differences);
        report(differences.isEmpty() ? contents : contents());
    }

    private void rebuildDisagreeing(Map<String, String> differences) {
        for (Projection p : projections) {
            String difference = differences.get(p.name());
            if (difference != null) {
                LOG.warn("Store {} disagrees with the graph ({}): rebuilding it from the graph", p.name(), difference);
                rebuild(p);
            }
        }
    }

    /** Rebuilds every store but the graph from the graph, whether or not it disagrees. */
    void rebuildAll() {
        projections.stream().filter(p -> p != graph).forEach(this::rebuild);
        Map<String, String> differences = report();
        if (!differences.isEmpty()) {
            throw new IllegalStateException("The stores still disagree with the graph after a rebuild: " + differences);
        }
    }

    /**
     * Brings store {@code p} in step with the graph's ledger: entry by entry, oldest first, when
     * every entry it lacks recorded the ids it touched (an import's records and relations written
     * over what the store holds; for a retraction or a new version, what the store holds of those
     * ids replaced by what the graph holds of them now; with the entry in its ledger and what it
     * holds too many of dropped, one store transaction an entry); else the store is rebuilt. Returns how
     * many entries it was behind by (0 when in step). The caller holds the import lock.
     */
    int follow(Projection p) {
        GraphStore.Behind behind = graph.behind(p.batches());
        int by = behind.missing().size() + behind.extra().size();
        if (behind.inStep()) {
            return 0;
        }
        if (!behind.followable()) {
            LOG.info("Store {} is behind the graph by {} ledger entries that it cannot follow record by record "
                    + "(a bulk load, or entries that did not record what they touched): rebuilding it", p.name(), by);
            rebuild(p);
            return by;
        }
        java.util.Set<String> drop = behind.extra();
        for (GraphStore.HeldEntry entry : behind.missing()) {
            long start = System.nanoTime();
            io.cigraph.model.ImportBatch records = graph.recordsOf(entry);
            try (Projection.Staged staged = entry.additive() ? p.restate(records, java.util.List.of(), java.util.List.of(), drop)
                    : p.restate(records, entry.touched(), entry.touchedRelations(), drop)) {
                staged.commit();
            }
            drop = java.util.Set.of();
            LOG.info("Store {} followed {} ({}) from the graph: {} resources and {} relations touched, {} and {} written in {} ms",
                    p.name(), entry.id(), entry.file(), entry.touched().size(),
                    entry.touchedRelations() == null ? 0 : entry.touchedRelations().size(), records.resources().size(),
                    records.relations().size(), (System.nanoTime() - start) / 1_000_000);
        }
        return by;
    }

    void rebuild(Projection p) {
        long start = System.nanoTime();
        p.rebuild(graph);
        LOG.info("Store {} rebuilt from the graph in {} ms", p.name(), (System.nanoTime() - start) / 1_000_000);
    }

    /** Every store's content, the graph first. */
    List<StoreContent> contents() {
        return projections.stream().map(Projection::content).toList();
    }

    /** What each store that disagrees with the graph (the first content) differs in; empty when all agree. */
    static Map<String, String> differences(List<StoreContent> contents) {
        Map<String, String> differences = new LinkedHashMap<>();
        for (StoreContent c : contents.subList(1, contents.size())) {
            String d = c.differenceFrom(contents.getFirst());
            if (!d.isEmpty()) {
                differences.put(c.store(), d);
            }
        }
        return differences;
    }

    /** Compares the stores and logs whether they agree; returns what differs, by store. */
    Map<String, String> report() {
        return report(contents());
    }

    /** Logs whether {@code contents} (the graph's first) agree; returns what differs, by store. */
    Map<String, String> report(List<StoreContent> contents) {
        Map<String, String> differences = differences(contents);
        StoreContent truth = contents.getFirst();
        if (differences.isEmpty()) {
            LOG.info("Stores agree: {} batch(es), {} resources, {} relations in {}", truth.batches().size(),
                    truth.resources(), truth.relations(), contents.stream().map(StoreContent::store).toList());
        } else {
            // What a rebuild from the graph cannot mend: records the graph holds that the other stores cannot
            // read back (written past the imports), or a store that fails to write them.
            differences.forEach((store, d) -> LOG.warn("Store {} still disagrees with the graph: {}", store, d));
        }
        return differences;
    }
}
