package io.cigraph.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cigraph.importing.TestBatches;
import io.cigraph.model.BulkLoad;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import io.cigraph.ontology.Ontology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A bulk load into an empty TDB2 dataset, through each of TDB2's loaders, against staging batch
 * by batch; and compaction at start, which reloads a dataset's current state through them.
 */
class RdfBulkLoadIT {

    private static final Ontology ONTOLOGY = Ontology.load(Path.of("ontology"), "https://w3id.org/cigraph/id/",
            "https://w3id.org/cigraph/ontology#");
    private static final ImportBatch SEED = TestBatches.read(ONTOLOGY, Path.of("import/huawei-ecosystem.ttl"));
    private static final ImportBatch ADDITION = TestBatches.read(ONTOLOGY, Path.of("src/test/resources/rdf/consistency-addition.ttl"), SEED);
    private static final List<Node> GRAPHS = List.of(RdfGraphs.DATA, RdfGraphs.INFERRED, RdfGraphs.LEDGER, RdfGraphs.ONTOLOGY);

    @TempDir
    Path dir;

    private final List<RdfStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(RdfStore::destroy);
    }

    private RdfStore store(String name, TdbLoader loader) {
        return store(name, loader, false);
    }

    private RdfStore store(String name, TdbLoader loader, boolean compactAtStart) {
        RdfStore store = new RdfStore(new RdfProperties(dir.resolve(name), Duration.ofSeconds(30), 100, loader, compactAtStart, List.of()),
                ONTOLOGY);
        opened.add(store);
        return store;
    }

    private static void stage(RdfStore store, ImportBatch batch) {
        try (Projection.Staged staged = store.stage(batch)) {
            staged.commit();
        }
    }

    private static void bulkLoad(RdfStore store) {
        try (BulkLoad load = store.bulkLoad()) {
            TestBatches.chunks(SEED, 3).forEach(load::add);
            TestBatches.chunks(ADDITION, 2).forEach(load::add);
            load.finish(List.of(TestBatches.summary(SEED), TestBatches.summary(ADDITION)));
        }
    }

    @ParameterizedTest
    @EnumSource(TdbLoader.class)
    void aBulkLoadInChunksWithRelationsBeforeTheirResourcesHoldsTheSameQuadsAsStagingEachFile(TdbLoader loader) {
        RdfStore staged = store("staged", TdbLoader.BASIC);
        stage(staged, SEED);
        stage(staged, ADDITION);
        RdfStore loaded = store("loaded", loader);

        bulkLoad(loaded);

        for (Node g : GRAPHS) {
            assertThat(DatasetContent.of(loaded.dataset(), g)).as(g.getURI()).isEqualTo(DatasetContent.of(staged.dataset(), g)).isNotEmpty();
        }
        assertThat(loaded.batches()).containsExactlyInAnyOrder(SEED.sha256(), ADDITION.sha256());
    }

    /** The two ways an abandoned load is undone: a rolled-back transaction, and deleting what was written. */
    @ParameterizedTest
    @EnumSource(names = {"BASIC", "PARALLEL"})
    void closingAnUnfinishedLoadLeavesTheStoreEmptyWithItsOntologyAndAbleToStageBatches(TdbLoader loader) {
        RdfStore store = store("abandoned", loader);
        List<String> ontology = DatasetContent.of(store.dataset(), RdfGraphs.ONTOLOGY);

        try (BulkLoad load = store.bulkLoad()) {
            TestBatches.chunks(SEED, 3).forEach(load::add);
        }

        assertThat(store.isEmpty()).isTrue();
        assertThat(store.batches()).isEmpty();
        for (Node g : RdfGraphs.IMPORTED) {
            assertThat(DatasetContent.of(store.dataset(), g)).as(g.getURI()).isEmpty();
        }
        assertThat(DatasetContent.of(store.dataset(), RdfGraphs.ONTOLOGY)).isEqualTo(ontology).isNotEmpty();
        stage(store, SEED);
        assertThat(store.batches()).containsExactly(SEED.sha256());
    }

    private static List<String> quadIndexes(RdfStore store) {
        return Arrays.stream(TDBInternal.getDatasetGraphTDB(store.dataset()).getQuadTable().getNodeTupleTable().getTupleTable()
                .getIndexes()).map(TupleIndex::getName).toList();
    }

    @Test
    void aNewDatasetHasTheFourQuadIndexesTheQueriesUse() {
        assertThat(quadIndexes(store("new", TdbLoader.PARALLEL))).containsExactly(RdfStore.QUAD_INDEXES);
    }

    /** A dataset made with TDB2's default layout, six quad indexes, keeps them, and every loader fills all six. */
    @ParameterizedTest
    @EnumSource(TdbLoader.class)
    void aDatasetWithTdb2sDefaultSixQuadIndexesKeepsThemAndLoadsIntoAll(TdbLoader loader) {
        RdfStore staged = store("staged", TdbLoader.BASIC);
        stage(staged, SEED);
        stage(staged, ADDITION);
        DatasetGraph defaults = DatabaseMgr.connectDatasetGraph(Location.create(dir.resolve("defaults")));
        TDBInternal.expel(defaults);
        RdfStore loaded = store("defaults", loader);
        assertThat(quadIndexes(loaded)).containsExactlyInAnyOrder("GSPO", "GPOS", "GOSP", "SPOG", "POSG", "OSPG");

        bulkLoad(loaded);

        for (Node g : GRAPHS) {
            assertThat(DatasetContent.of(loaded.dataset(), g)).as(g.getURI()).isEqualTo(DatasetContent.of(staged.dataset(), g));
        }
        assertThat(loaded.batches()).containsExactlyInAnyOrder(SEED.sha256(), ADDITION.sha256());
        TupleIndex[] indexes = TDBInternal.getDatasetGraphTDB(loaded.dataset()).getQuadTable().getNodeTupleTable().getTupleTable()
                .getIndexes();
        Txn.executeRead(loaded.dataset(), () -> {
            long primary = Iter.count(indexes[0].all());
            assertThat(primary).isGreaterThan(100);
            for (TupleIndex index : indexes) {
                assertThat(Iter.count(index.all())).as(index.getName()).isEqualTo(primary);
            }
        });
    }

    @Test
    void aStoreIsEmptyUntilItHoldsABatchAndOnlyAnEmptyStoreTakesABulkLoad() {
        RdfStore store = store("empty", RdfProperties.make(dir).bulkLoader());
        assertThat(store.isEmpty()).as("a new store, with its ontology").isTrue();

        bulkLoad(store);

        assertThat(store.isEmpty()).isFalse();
        assertThatThrownBy(store::bulkLoad).isInstanceOf(IllegalStateException.class);
        stage(store, SEED);
        assertThat(store.batches()).containsExactlyInAnyOrder(SEED.sha256(), ADDITION.sha256());
    }

    /**
     * Each import restates the records, so each write transaction replaces index blocks and adds new
     * reifiers to the node table: 150 of them grow the files by tens of megabytes.
     */
    private static void importRepeatedly(RdfStore store) {
        for (int i = 0; i < 150; i++) {
            stage(store, i % 2 == 0 ? SEED : ADDITION);
        }
    }

    private static Map<Node, List<String>> content(RdfStore store) {
        Map<Node, List<String>> content = new LinkedHashMap<>();
        GRAPHS.forEach(g -> content.put(g, DatasetContent.of(store.dataset(), g)));
        return content;
    }

    @ParameterizedTest
    @EnumSource(names = {"BASIC", "PARALLEL"})
    void compactingAtStartGivesBackTheSpaceImportsLeftAndKeepsEveryQuadAndTheLayout(TdbLoader loader) {
        String name = "tdb2";
        Path folder = dir.resolve(name);
        RdfStore grown = store(name, TdbLoader.BASIC);
        importRepeatedly(grown);
        Map<Node, List<String>> before = content(grown);
        long bytesBefore = TdbCompaction.bytes(folder);

        RdfStore compacted = store(name, loader, true);

        // TDB2 extends its mapped files 8 MB at a time: at least one such step comes back.
        assertThat(TdbCompaction.bytes(folder)).isLessThan(bytesBefore - (8 << 20));
        assertThat(content(compacted)).isEqualTo(before);
        assertThat(before.get(RdfGraphs.DATA)).isNotEmpty();
        assertThat(quadIndexes(compacted)).containsExactly(RdfStore.QUAD_INDEXES);
        assertThat(compacted.batches()).containsExactlyInAnyOrder(SEED.sha256(), ADDITION.sha256());
        assertThat(dir.resolve("tdb2.compacting")).doesNotExist();
        assertThat(dir.resolve("tdb2.replaced")).doesNotExist();
        stage(compacted, SEED);
        assertThat(content(compacted)).isEqualTo(before);
    }

    @Test
    void aDatasetWithTdb2sDefaultSixQuadIndexesKeepsThemThroughACompaction() {
        String name = "defaults";
        Path folder = dir.resolve(name);
        DatasetGraph defaults = DatabaseMgr.connectDatasetGraph(Location.create(folder));
        TDBInternal.expel(defaults);
        RdfStore grown = store(name, TdbLoader.BASIC);
        importRepeatedly(grown);
        Map<Node, List<String>> before = content(grown);

        RdfStore compacted = store(name, TdbLoader.PARALLEL, true);

        assertThat(quadIndexes(compacted)).containsExactlyInAnyOrder("GSPO", "GPOS", "GOSP", "SPOG", "POSG", "OSPG");
        assertThat(content(compacted)).isEqualTo(before);
    }

    @Test
    void aDatasetThatACompactionMovedAsideWhenItsProcessStoppedIsPutBackAtTheNextStart() throws Exception {
        RdfStore stopped = store("tdb2", TdbLoader.BASIC);
        stage(stopped, SEED);
        Map<Node, List<String>> before = content(stopped);
        TDBInternal.expel(stopped.dataset());
        // What the first rename of a compaction leaves when the process stops before the second.
        Files.move(dir.resolve("tdb2"), dir.resolve("tdb2.replaced"));

        RdfStore started = store("tdb2", TdbLoader.BASIC);

        assertThat(content(started)).isEqualTo(before);
        assertThat(started.batches()).containsExactly(SEED.sha256());
        assertThat(dir.resolve("tdb2.replaced")).doesNotExist();
    }

    @Test
    void aFolderWithoutADatasetIsLeftAlone() {
        RdfStore store = store("new", TdbLoader.PARALLEL, true);

        assertThat(store.isEmpty()).isTrue();
        assertThat(TdbCompaction.compact(dir.resolve("missing"), TdbLoader.PARALLEL)).isNull();
    }
}
