package io.cigraph.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import io.cigraph.graph.GraphStore;
import io.cigraph.importing.ImportService;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The index follows the graph: what an import writes is searchable when the import returns, and searches never fail meanwhile. */
class SearchIT extends IntegrationTest {

    @Autowired
    ImportService imports;

    @Autowired
    EntitySearch search;

    @Autowired
    SearchIndex searchIndex;

    @Autowired
    GraphStore graph;

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = SearchIT.class.getResourceAsStream("/search/" + name)) {
            return in.readAllBytes();
        }
    }

    private SearchResult.Hit first(String q) {
        List<SearchResult.Hit> hits = search.search(SearchRequest.of(q)).hits();
        return hits.isEmpty() ? null : hits.getFirst();
    }

    @Test
    void anImportIsSearchableWhenItReturnsWhileSearchesGoOnWithoutFailing() throws Exception {
        int before = first("HarmonyOS 4").relations();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong searches = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService readers = Executors.newFixedThreadPool(3);
        List<Future<?>> loops = List.of("harmonyos", "星闪", "zephyr band", "nearlnk").stream()
                .<Future<?>>map(q -> readers.submit(() -> {
                    while (running.get()) {
                        try {
                            SearchResult r = search.search(SearchRequest.of(q));
                            if (!q.startsWith("zephyr") && r.hits().isEmpty()) {
                                failures.add(new AssertionError("no hit for " + q));
                            }
                            search.suggest(q.substring(0, 2), 5, null);
                            searches.incrementAndGet();
                        } catch (RuntimeException | Error e) {
                            failures.add(e);
                        }
                    }
                })).toList();
        try {
            imports.importTurtle("zephyr-addition.ttl", fixture("zephyr-addition.ttl"), true);

            assertThat(first("Zephyr Band 2").id()).isEqualTo("zephyr-band-2");
            assertThat(first("泽风").id()).isIn("zephyr-robotics", "zephyr-band-2");
            assertThat(first("featherweight tracker for marathon training").id()).isIn("zephyr-band-2", "zephyr-robotics");
            assertThat(first("HarmonyOS 4").relations()).as("the new relation counts for an entity of an earlier batch")
                    .isEqualTo(before + 1);

            imports.importTurtle("zephyr-addition.ttl", fixture("zephyr-addition.ttl"), true);
            assertThat(first("HarmonyOS 4").relations()).as("the same file twice changes nothing").isEqualTo(before + 1);
        } finally {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(30, TimeUnit.SECONDS);
            }
            readers.shutdown();
        }
        assertThat(failures).isEmpty();
        assertThat(searches.get()).isPositive();
    }

    @Test
    void theIndexLedgerHoldsEveryBatchOfTheGraph() {
        SearchIndex index = searchIndex;
        assertThat(index.batches()).isNotEmpty();
        try (var session = driver.session()) {
            // Live imports and retractions: an import replaced by a new version, or undone, is no longer held.
            List<String> graph = session.run("""
                    MATCH (b:ImportBatch) WHERE b.status IS NULL OR b.status = 'retraction' RETURN b.sha256 AS sha""")
                    .list(r -> r.get("sha").asString());
            assertThat(index.batches()).containsAll(graph);
        }
    }

    @Test
    void aRebuildFromTheGraphInSmallChunksGivesTheSameAnswers() throws IOException {
        List<String> queries = List.of("huawei", "HarmonyOS 4", "星闪", "qingyn", "cockpit software for car makers", "wearables");
        try (SeedIndex rebuilt = SeedIndex.empty(3)) {
            rebuilt.index.rebuild(graph);
            assertThat(rebuilt.index.batches()).isEqualTo(graph.batches());
            for (String q : queries) {
                assertThat(summary(rebuilt.search, q)).as(q).isEqualTo(summary(search, q));
            }
        }
    }

    /**
     * The best hit, every hit with its relation count, the total and the facets. Not the order of
     * the rest: scores of near-equal hits depend on deleted documents still in the statistics.
     */
    private static List<Object> summary(EntitySearch search, String q) {
        SearchResult r = search.search(new SearchRequest(q, null, null, 100, 0, false, SearchRequest.Syntax.PLAIN));
        return List.of(r.hits().getFirst().id(), new java.util.TreeMap<>(r.hits().stream()
                .collect(java.util.stream.Collectors.toMap(SearchResult.Hit::id, SearchResult.Hit::relations))),
                r.total(), r.facets());
    }
}
