package io.cigraph.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cigraph.importing.TestBatches;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;

/** The index as a projection: its ledger, staging and discarding, counts across batches, a corrupt folder. */
class SearchIndexTests {

    private static final Path ADDITION = Path.of("src/test/resources/search/zephyr-addition.ttl");
    private static final ImportBatch SEED_BATCH = TestBatches.read(SeedIndex.ONTOLOGY, SeedIndex.SEED);

    private static SearchResult.Hit first(SeedIndex seed, String q) {
        List<SearchResult.Hit> hits = seed.search.search(SearchRequest.of(q)).hits();
        return hits.isEmpty() ? null : hits.getFirst();
    }

    private static List<String> ids(SeedIndex seed, String q) {
        return seed.search.search(SearchRequest.of(q)).hits().stream().map(SearchResult.Hit::id).toList();
    }

    @Test
    void aNewIndexHoldsNoBatchAndFindsNothing() throws IOException {
        try (SeedIndex empty = SeedIndex.empty(10)) {
            assertThat(empty.index.batches()).isEmpty();
            assertThat(empty.search.search(SearchRequest.of("huawei")).total()).isZero();
            assertThat(empty.search.suggest("hu", 5, null)).isEmpty();
        }
    }

    @Test
    void aSourceFilterKeepsExactlyTheMatchesTheSourceFacetCounts() throws IOException {
        try (SeedIndex seed = new SeedIndex()) {
            SearchResult all = seed.search.search(new SearchRequest("huawei", null, null, 100, 0, false,
                    SearchRequest.Syntax.PLAIN));
            List<String> allIds = all.hits().stream().map(SearchResult.Hit::id).toList();
            Map<String, Integer> sources = all.facets().get(Fields.FACET_SOURCE);
            assertThat(sources).hasSizeGreaterThan(1);
            for (Map.Entry<String, Integer> source : sources.entrySet()) {
                SearchResult filtered = seed.search.search(new SearchRequest("huawei", null, source.getKey(), 100, 0,
                        false, SearchRequest.Syntax.PLAIN));
                assertThat(filtered.total()).as(source.getKey()).isEqualTo(source.getValue().longValue());
                assertThat(filtered.total()).as(source.getKey()).isLessThan(all.total());
                assertThat(filtered.facets().get(Fields.FACET_SOURCE)).containsEntry(source.getKey(), source.getValue());
                assertThat(allIds).containsAll(filtered.hits().stream().map(SearchResult.Hit::id).toList());
            }
        }
    }

    @Test
    void anUnknownSourceIsAMistakeNamedInTheError() throws IOException {
        try (SeedIndex seed = new SeedIndex()) {
            assertThatThrownBy(() -> seed.search.search(new SearchRequest("huawei", null, "no-such-source", null, null,
                    false, SearchRequest.Syntax.PLAIN)))
                    .isInstanceOfSatisfying(InvalidSearchException.class, e -> assertThat(e.parameter()).isEqualTo("source"))
                    .hasMessageContaining("Unknown source 'no-such-source'");
            SearchResult uncited = seed.search.search(new SearchRequest("huawei", null, "nearlink", null, null, false,
                    SearchRequest.Syntax.PLAIN));
            assertThat(uncited.total()).as("a resource the index holds that nothing cites filters everything out").isZero();
        }
    }

    @Test
    void aCommittedBatchIsInTheLedgerAndSearchableADiscardedOneIsNeither() throws IOException {
        try (SeedIndex seed = new SeedIndex()) {
            ImportBatch seedBatch = SEED_BATCH;
            assertThat(seed.index.batches()).containsExactly(seedBatch.sha256());

            ImportBatch addition = TestBatches.read(SeedIndex.ONTOLOGY, ADDITION, SEED_BATCH);
            try (Projection.Staged staged = seed.index.stage(addition)) {
                assertThat(ids(seed, "Zephyr Band 2")).as("staged is not visible").doesNotContain("zephyr-band-2");
            }
            assertThat(ids(seed, "Zephyr Band 2")).doesNotContain("zephyr-band-2");
            assertThat(seed.index.batches()).containsExactly(seedBatch.sha256());

            seed.write(addition);
            assertThat(first(seed, "Zephyr Band 2").id()).isEqualTo("zephyr-band-2");
            assertThat(seed.index.batches()).containsExactlyInAnyOrder(seedBatch.sha256(), addition.sha256());
        }
    }

    @Test
    void relationsOfALaterBatchCountForEntitiesOfEarlierOnesOnceOnly() throws IOException {
        try (SeedIndex seed = new SeedIndex()) {
            int before = first(seed, "HarmonyOS 4").relations();
            ImportBatch addition = TestBatches.read(SeedIndex.ONTOLOGY, ADDITION, SEED_BATCH);
            seed.write(addition);
            SearchResult.Hit after = first(seed, "HarmonyOS 4");
            assertThat(after.relations()).isEqualTo(before + 1);
            seed.write(addition);
            seed.write(TestBatches.read(SeedIndex.ONTOLOGY, SeedIndex.SEED));
            assertThat(first(seed, "HarmonyOS 4").relations()).isEqualTo(before + 1);
            SearchResult withSource = seed.search.search(SearchRequest.of("HarmonyOS 4"));
            assertThat(withSource.facets().get("source")).containsKey("zephyr-launch-note");
            assertThat(first(seed, "鸿蒙4").label()).as("rewritten from stored fields, names intact").isEqualTo("HarmonyOS 4");
        }
    }

    @Test
    void citedSourcesAreIndexedNotStoredAndReadBackFromTheFacetValues() throws IOException {
        try (SeedIndex seed = new SeedIndex()) {
            Snapshot s = seed.index.acquire();
            try {
                int doc = s.search(new TermQuery(new Term(Fields.KEY, Documents.entityKey("huawei"))), 1).scoreDocs[0].doc;
                assertThat(s.storedFields().document(doc).getValues(Fields.CITED_SOURCE)).isEmpty();
                EntityLookup.Stored stored = EntityLookup.stored(s.getIndexReader(), List.of("huawei"),
                        new Documents(SeedIndex.ONTOLOGY)).get("huawei");
                RelationStats counted = EntityLookup.stats(EntityLookup.read(s.getIndexReader(), List.of("huawei"), id -> false)
                        .get("huawei"));
                assertThat(stored.stats().sources()).as("what the relation documents say").isNotEmpty()
                        .isEqualTo(counted.sources());
                assertThat(stored.stats().count()).isEqualTo(counted.count());
                assertThat(s.search(new TermQuery(new Term(Fields.CITED_SOURCE, counted.sources().iterator().next())), 100)
                        .scoreDocs).extracting(d -> d.doc).contains(doc);

                Document record = Documents.shown(s.storedFields(), doc, Set.of(Fields.ID, Fields.LABEL, Fields.EVIDENCE,
                        Fields.RELATIONS), Set.of(Fields.EVIDENCE));
                assertThat(record.get(Fields.LABEL)).isEqualTo("Huawei");
                assertThat(record.getValues(Fields.EVIDENCE)).as("read stopped before them").isEmpty();
                assertThat(record.getField(Fields.RELATIONS)).as("stored after the passages").isNull();
            } finally {
                seed.index.release(s);
            }
        }
    }

    @Test
    void citedSourcesReadThroughOneCacheAcrossSegmentsAreWhatTheRelationDocumentsSay() throws IOException {
        try (SeedIndex seed = new SeedIndex()) {
            ImportBatch addition = TestBatches.read(SeedIndex.ONTOLOGY, ADDITION, SEED_BATCH);
            seed.write(addition);
            List<String> ids = Stream.concat(SEED_BATCH.resources().stream(), addition.resources().stream())
                    .map(r -> r.id()).distinct().toList();
            Documents documents = new Documents(SeedIndex.ONTOLOGY);
            Snapshot s = seed.index.acquire();
            try {
                assertThat(s.getIndexReader().leaves()).as("segments with ordinals of their own").hasSizeGreaterThan(1);
                Map<String, EntityLookup.Found> truth = EntityLookup.read(s.getIndexReader(), ids, id -> false);
                for (int pass = 0; pass < 2; pass++) {
                    Map<String, EntityLookup.Stored> stored = EntityLookup.stored(s.getIndexReader(), ids, documents);
                    assertThat(stored).hasSize(ids.size());
                    for (String id : ids) {
                        assertThat(stored.get(id).stats().sources()).as("%s, pass %d", id, pass)
                                .isEqualTo(EntityLookup.stats(truth.get(id)).sources());
                    }
                }
            } finally {
                seed.index.release(s);
            }
        }
    }

    @Test
    void anIndexThatCannotBeReadIsReplacedByAnEmptyOne() throws IOException {
        SeedIndex seed = new SeedIndex();
        seed.shut();
        try (Stream<Path> files = Files.list(seed.dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().equals("write.lock")) {
                    Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
                }
            }
        }
        try (SeedIndex reopened = SeedIndex.open(seed.dir)) {
            assertThat(reopened.index.batches()).isEmpty();
            assertThat(reopened.search.search(SearchRequest.of("huawei")).total()).isZero();
            reopened.write(TestBatches.read(SeedIndex.ONTOLOGY, SeedIndex.SEED));
            assertThat(first(reopened, "huawei").id()).isEqualTo("huawei");
        }
    }

    @Test
    void aCommittedIndexIsReadBackWithItsLedgerAfterARestart() throws IOException {
        SeedIndex seed = new SeedIndex();
        seed.shut();
        try (SeedIndex reopened = SeedIndex.open(seed.dir)) {
            assertThat(reopened.index.batches()).hasSize(1);
            assertThat(first(reopened, "星闪").id()).isEqualTo("nearlink");
        }
    }

    @Test
    void anIndexWrittenWithAnotherDocumentLayoutHoldsNoBatchSoItIsRebuilt() throws IOException {
        SeedIndex seed = new SeedIndex();
        seed.shut();
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(seed.dir), new IndexWriterConfig())) {
            // As the first layout committed it: the ledger alone.
            writer.setLiveCommitData(Map.of("batches", SEED_BATCH.sha256()).entrySet());
            writer.commit();
        }
        try (SeedIndex reopened = SeedIndex.open(seed.dir)) {
            assertThat(reopened.index.batches()).isEmpty();
            assertThat(reopened.index.isEmpty()).as("it still holds documents: not a bulk load target").isFalse();
        }
    }
}
