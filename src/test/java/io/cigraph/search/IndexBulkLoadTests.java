package io.cigraph.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cigraph.importing.TestBatches;
import io.cigraph.model.BulkLoad;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.RecordSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Test;

/** A bulk load into an empty index against committing batch by batch: same documents, same answers. */
class IndexBulkLoadTests {

    private static final ImportBatch SEED = TestBatches.read(SeedIndex.ONTOLOGY, SeedIndex.SEED);
    private static final ImportBatch ADDITION = TestBatches.read(SeedIndex.ONTOLOGY,
            Path.of("src/test/resources/search/zephyr-addition.ttl"), SEED);
    private static final List<String> QUERIES = List.of("huawei", "HarmonyOS 4", "鸿蒙", "nearlink", "Zephyr Band 2",
            "watch", "smartphone", "launch");

    /** Seed and addition committed one after the other, as the pipeline imports two files. */
    private static SeedIndex staged() {
        SeedIndex staged = new SeedIndex();
        staged.write(ADDITION);
        return staged;
    }

    /** Seed and addition bulk loaded in chunks, every relation of a file before most of its resources. */
    private static SeedIndex bulkLoaded() {
        SeedIndex loaded = SeedIndex.empty(10_000);
        try (BulkLoad load = loaded.index.bulkLoad()) {
            TestBatches.chunks(SEED, 3).forEach(load::add);
            TestBatches.chunks(ADDITION, 2).forEach(load::add);
            load.finish(List.of(TestBatches.summary(SEED), TestBatches.summary(ADDITION)));
        }
        return loaded;
    }

    /**
     * Every live document's stored fields, field names and values in the order stored: an entity's
     * by its id, those of relations (which store little) under {@code relations}, sorted.
     */
    private static Map<String, List<String>> storedDocuments(SeedIndex seed) {
        Snapshot snapshot = seed.index.acquire();
        try {
            Map<String, List<String>> documents = new TreeMap<>();
            Documents reading = new Documents(SeedIndex.ONTOLOGY);
            for (LeafReaderContext leaf : snapshot.getIndexReader().leaves()) {
                StoredFields stored = leaf.reader().storedFields();
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live == null || live.get(doc)) {
                        Document d = stored.document(doc);
                        List<String> fields = new ArrayList<>(d.getFields().stream().map(IndexBulkLoadTests::text).toList());
                        if (d.get(Fields.ID) != null) {
                            // Cited sources are indexed, not stored: they count as fields through their facet values.
                            reading.citedSources(leaf.reader(), doc).stream().sorted()
                                    .forEach(source -> fields.add(Fields.CITED_SOURCE + "=" + source));
                            documents.put(d.get(Fields.ID), fields);
                        } else {
                            documents.computeIfAbsent("relations", k -> new ArrayList<>()).add(String.join(" ", fields));
                        }
                    }
                }
            }
            documents.computeIfPresent("relations", (k, relations) -> relations.stream().sorted().toList());
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            seed.index.release(snapshot);
        }
    }

    private static String text(IndexableField f) {
        return f.name() + "=" + (f.numericValue() != null ? f.numericValue() : f.stringValue());
    }

    private static List<String> answers(SeedIndex seed, String q) {
        SearchResult result = seed.search.search(SearchRequest.of(q));
        return result.hits().stream().map(h -> h.id() + " " + h.label() + " " + h.types() + " relations=" + h.relations()
                + " " + h.highlights() + " " + h.evidenceSource()).toList();
    }

    @Test
    void aBulkLoadInChunksWithRelationsBeforeTheirEntitiesGivesTheDocumentsAndAnswersOfCommittingEachFile() throws IOException {
        try (SeedIndex staged = staged(); SeedIndex loaded = bulkLoaded()) {
            Map<String, List<String>> expected = storedDocuments(staged);
            Map<String, List<String>> actual = storedDocuments(loaded);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            expected.forEach((k, fields) -> assertThat(actual.get(k)).as(k).isEqualTo(fields));
            for (String q : QUERIES) {
                assertThat(answers(loaded, q)).as(q).isEqualTo(answers(staged, q));
                assertThat(loaded.search.search(SearchRequest.of(q)).facets()).as(q).isEqualTo(staged.search.search(SearchRequest.of(q)).facets());
            }
            assertThat(loaded.index.batches()).containsExactlyInAnyOrder(SEED.sha256(), ADDITION.sha256());
        }
    }

    @Test
    void aBulkLoadOrARebuildLeavesOneSegmentWithoutThePendingDocuments() throws IOException {
        try (SeedIndex loaded = bulkLoaded(); SeedIndex rebuilt = staged()) {
            rebuilt.index.rebuild(recordsOf(SEED, ADDITION));
            for (SeedIndex seed : List.of(loaded, rebuilt)) {
                Snapshot snapshot = seed.index.acquire();
                try {
                    assertThat(snapshot.getIndexReader().leaves()).hasSize(1);
                    assertThat(snapshot.getIndexReader().numDeletedDocs()).isZero();
                } finally {
                    seed.index.release(snapshot);
                }
            }
        }
    }

    /** The records of some batches, as the graph gives them to a store it rebuilds. */
    private static RecordSource recordsOf(ImportBatch... batches) {
        return new RecordSource() {
            @Override
            public void forEachChunk(int size, Consumer<ImportBatch> chunk) {
                for (ImportBatch b : batches) {
                    TestBatches.chunks(b, 2).forEach(chunk);
                }
            }

            @Override
            public Set<String> batches() {
                return Arrays.stream(batches).map(ImportBatch::sha256).collect(Collectors.toSet());
            }
        };
    }

    @Test
    void entitiesGainingOnlyNewRelationsAddThemToTheirStoredStatsAndGetTheDocumentsOfARecount() throws IOException {
        try (SeedIndex seedOnly = new SeedIndex()) {
            Snapshot snapshot = seedOnly.index.acquire();
            try {
                // The addition states no relation the seed has: its entities' stats are added to, not recounted.
                List<String> keys = ADDITION.relations().stream().map(Documents::relationKey).toList();
                assertThat(EntityLookup.holdsAny(snapshot.getIndexReader(), keys)).isFalse();
                assertThat(EntityLookup.holdsAny(snapshot.getIndexReader(),
                        SEED.relations().stream().map(Documents::relationKey).toList())).isTrue();
            } finally {
                seedOnly.index.release(snapshot);
            }
        }
        try (SeedIndex staged = staged(); SeedIndex rebuilt = SeedIndex.empty(10_000)) {
            rebuilt.index.rebuild(recordsOf(SEED, ADDITION));
            Map<String, List<String>> expected = storedDocuments(rebuilt);
            Map<String, List<String>> actual = storedDocuments(staged);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            expected.forEach((k, fields) -> assertThat(actual.get(k)).as(k).isEqualTo(fields));
            assertThat(actual.get("harmonyos-4")).anyMatch(f -> f.equals("cited_source=zephyr-launch-note"))
                    .anyMatch(f -> f.equals("evidence=the band runs HarmonyOS 4"));
            assertThat(rebuilt.index.batches()).containsExactlyInAnyOrder(SEED.sha256(), ADDITION.sha256());
        }
    }

    @Test
    void closingAnUnfinishedLoadLeavesTheIndexEmptyAndAbleToCommitBatches() throws IOException {
        try (SeedIndex index = SeedIndex.empty(10_000)) {
            try (BulkLoad load = index.index.bulkLoad()) {
                TestBatches.chunks(SEED, 3).forEach(load::add);
            }

            assertThat(index.index.isEmpty()).isTrue();
            assertThat(index.index.batches()).isEmpty();
            assertThat(storedDocuments(index)).isEmpty();
            index.write(SEED);
            assertThat(index.index.batches()).containsExactly(SEED.sha256());
            assertThat(index.search.search(SearchRequest.of("huawei")).hits().getFirst().id()).isEqualTo("huawei");
        }
    }

    @Test
    void anIndexIsEmptyUntilItHoldsABatchAndOnlyAnEmptyIndexTakesABulkLoad() throws IOException {
        try (SeedIndex empty = SeedIndex.empty(10_000); SeedIndex loaded = bulkLoaded()) {
            assertThat(empty.index.isEmpty()).isTrue();
            assertThat(loaded.index.isEmpty()).isFalse();
            assertThatThrownBy(loaded.index::bulkLoad).isInstanceOf(IllegalStateException.class);
            loaded.write(SEED);
            assertThat(loaded.index.batches()).containsExactlyInAnyOrder(SEED.sha256(), ADDITION.sha256());
        }
    }
}
