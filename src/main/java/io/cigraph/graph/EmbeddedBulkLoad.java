package io.cigraph.graph;

import io.cigraph.model.BatchSummary;
import io.cigraph.model.BulkLoad;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectLongHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;
import org.neo4j.batchimport.api.Configuration;
import org.neo4j.batchimport.api.IndexConfig;
import org.neo4j.batchimport.api.Monitor;
import org.neo4j.batchimport.api.input.Collector;
import org.neo4j.batchimport.api.input.Group;
import org.neo4j.batchimport.api.input.IdType;
import org.neo4j.batchimport.api.input.Input;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.batchimport.BatchImporterFactory;
import org.neo4j.internal.batchimport.DefaultAdditionalIds;
import org.neo4j.internal.batchimport.input.Groups;
import org.neo4j.internal.batchimport.staging.ExecutionMonitor;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.fs.FileUtils;
import org.neo4j.io.layout.Neo4jLayout;
import org.neo4j.io.pagecache.context.CursorContextFactory;
import org.neo4j.io.pagecache.context.FixedVersionContextSupplier;
import org.neo4j.io.pagecache.tracing.PageCacheTracer;
import org.neo4j.kernel.DatabaseCreationOptions;
import org.neo4j.kernel.impl.index.schema.IndexImporterFactoryImpl;
import org.neo4j.kernel.impl.scheduler.JobSchedulerFactory;
import org.neo4j.logging.internal.NullLogService;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.scheduler.JobScheduler;
import org.neo4j.storageengine.api.TransactionIdStore;
import org.neo4j.wal.EmptyLogTailMetadata;
import org.neo4j.wal.files.TransactionLogInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk load into the empty in-process database with Neo4j's own batch importer, the mechanism
 * behind {@code neo4j-admin database import}: nodes and relationships go to spools on disk as
 * they arrive (the importer takes every node before the first relationship), and at the end the
 * importer builds a new database from them beside the live one, which stays empty to readers.
 * The ledger's nodes go in with the records, so the new database holds a batch's ledger entry
 * exactly when it holds its records: a process stopped at any point leaves either the empty live
 * database or the complete new one (see {@link DatabaseSwap}), and the start-up sync brings the
 * other stores in line from the ledger. Then Neo4j restarts on the new database and the unique
 * constraints are created over it (the start creates them too, should the process stop first).
 * A restated resource or relation is imported once, as its last statement, as the transactional
 * path's {@code MERGE ... SET} would leave it. Held in memory: each id with the position of its
 * last statement, and a 64-bit hash of each relation with the position of its last statement (two
 * relations with the same hash would be taken for one: at ten million relations, a chance of
 * about one in 300,000). A failure before the restart leaves the live database untouched; after
 * it, the graph is emptied again.
 */
final class EmbeddedBulkLoad implements BulkLoad {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBulkLoad.class);
    private static final int WIPE_CHUNK = 50_000;

    private final EmbeddedNeo4j neo4j;
    private final GraphWrites writes;
    private final Path home;
    private final EntitySpool nodeSpool;
    private final EntitySpool relationshipSpool;
    private final ObjectLongHashMap<String> lastStatement = new ObjectLongHashMap<>();
    private final LongHashSet superseded = new LongHashSet();
    private final LongLongHashMap lastRelationStatement = new LongLongHashMap();
    private final LongHashSet supersededRelationships = new LongHashSet();
    /** By batch id, the sources its ledger entry lists, as a transactional write lists them. */
    private final Map<String, Set<String>> sources = new HashMap<>();
    private long restated;
    private long importerMillis = -1;
    private boolean replaced;
    private boolean finished;

    EmbeddedBulkLoad(EmbeddedNeo4j neo4j, GraphWrites writes) {
        this.neo4j = neo4j;
        this.writes = writes;
        this.home = neo4j.importHome();
        this.nodeSpool = new EntitySpool(neo4j.spoolDir(), "nodes");
        this.relationshipSpool = new EntitySpool(neo4j.spoolDir(), "relationships");
    }

    @Override
    public void add(ImportBatch chunk) {
        writes.addSources(chunk, sources.computeIfAbsent(chunk.id(), k -> new TreeSet<>()));
        for (ResourceRecord r : chunk.resources()) {
            long position = nodeSpool.node(r.id(), writes.labels(r), GraphWrites.resourceProperties(r, chunk.id()));
            long earlier = lastStatement.getIfAbsent(r.id(), -1);
            if (earlier >= 0) {
                superseded.add(earlier);
            }
            lastStatement.put(r.id(), position);
        }
        for (RelationRecord r : chunk.relations()) {
            long position = relationshipSpool.relationship(r.subject(), writes.relationshipType(r), r.object(),
                    GraphWrites.relationProperties(r, chunk.id()));
            long h = hash(r);
            long earlier = lastRelationStatement.getIfAbsent(h, -1);
            if (earlier >= 0) {
                supersededRelationships.add(earlier);
                restated++;
            }
            lastRelationStatement.put(h, position);
        }
    }

    /**
     * Builds the new database with the importer, beside the live one, which stays as it is; the
     * batches' ledger nodes are imported with the records.
     */
    @Override
    public void prepare(List<BatchSummary> batches) {
        if (importerMillis < 0) {
            long start = System.nanoTime();
            // Ids of the importer's own: a resource id is a lowercase slug, so these never meet one.
            batches.forEach(b -> nodeSpool.node("ImportBatch:" + b.sha256(), List.of(EmbeddedWrites.IMPORT_BATCH.name()),
                    EmbeddedWrites.ledgerProperties(b, List.copyOf(sources.getOrDefault(b.id(), Set.of())))));
            importIntoNewDatabase(batches.size());
            importerMillis = millis(System.nanoTime() - start);
        }
    }

    @Override
    public void finish(List<BatchSummary> batches) {
        prepare(batches);
        long imported = System.nanoTime();
        neo4j.replaceDatabase(home);
        replaced = true;
        long restarted = System.nanoTime();
        GraphDatabaseService db = neo4j.database();
        GraphStore.SCHEMA.forEach(db::executeTransactionally);
        db.executeTransactionally("CALL db.awaitIndexes(3600)");
        finished = true;
        LOG.info("Neo4j bulk load finished: {} nodes, {} relationships ({} restated); importer {} ms, restart {} ms,"
                        + " constraints {} ms", lastStatement.size(), relationshipSpool.size() - restated, restated,
                importerMillis, millis(restarted - imported), millis(System.nanoTime() - restarted));
    }

    /** Runs the importer into {@link #home}, a Neo4j home of its own. */
    private void importIntoNewDatabase(int ledgerNodes) {
        try {
            FileUtils.deleteDirectory(home);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + home, e);
        }
        Config config = Config.defaults(GraphDatabaseSettings.neo4j_home, home);
        var layout = Neo4jLayout.of(config).databaseLayout(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        Groups groups = new Groups();
        Group group = groups.getOrCreate(null);
        Input input = Input.input(
                nodeSpool.input(true, group, position -> !superseded.contains(position)),
                relationshipSpool.input(false, group, position -> !supersededRelationships.contains(position)),
                IdType.STRING,
                Input.knownEstimates(lastStatement.size() + ledgerNodes, relationshipSpool.size() - restated, nodeSpool.properties(),
                        relationshipSpool.properties(), nodeSpool.bytes(), relationshipSpool.bytes(), lastStatement.size() * 3L),
                groups, false);
        long memory = neo4j.importMemory();
        Configuration configuration = new Configuration() {
            @Override
            public long maxOffHeapMemory() {
                return memory;
            }

            // The label and type lookup indexes, built while the importer counts, as neo4j-admin
            // import builds them: without them a match on a label alone scans every node.
            @Override
            public IndexConfig indexConfig() {
                return IndexConfig.create().withLabelIndex().withRelationshipTypeIndex();
            }
        };
        try (var fs = new DefaultFileSystemAbstraction(); JobScheduler scheduler = JobSchedulerFactory.createInitialisedScheduler()) {
            var importer = BatchImporterFactory.withHighestPriority().instantiate(layout, fs, PageCacheTracer.NULL,
                    configuration, NullLogService.getInstance(), ExecutionMonitor.INVISIBLE, DefaultAdditionalIds.EMPTY,
                    new EmptyLogTailMetadata(config), config, Monitor.NO_MONITOR, scheduler, Collector.STRICT,
                    TransactionLogInitializer.getLogFilesInitializer(), new IndexImporterFactoryImpl(),
                    EmptyMemoryTracker.INSTANCE,
                    new CursorContextFactory(PageCacheTracer.NULL, new FixedVersionContextSupplier(TransactionIdStore.BASE_TX_ID)),
                    DatabaseCreationOptions.EMPTY_CREATION_OPTIONS);
            importer.doImport(input);
        } catch (Exception e) {
            throw new IllegalStateException("Neo4j's importer failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        nodeSpool.close();
        relationshipSpool.close();
        for (Path folder : new Path[] {home, neo4j.spoolDir()}) {
            try {
                FileUtils.deleteDirectory(folder);
            } catch (IOException e) {
                LOG.warn("Could not delete the bulk load's folder {}", folder, e);
            }
        }
        if (replaced && !finished) {
            try {
                wipe(neo4j.database());
            } catch (RuntimeException e) {
                LOG.error("Could not empty the graph after a failed bulk load", e);
            }
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** Deletes everything in chunks: the load started on an empty graph, so empty is how it was. */
    private static void wipe(GraphDatabaseService db) {
        long deleted = 0;
        for (boolean relationships : new boolean[] {true, false}) {
            int n;
            do {
                n = 0;
                try (Transaction tx = db.beginTx()) {
                    try (ResourceIterator<? extends org.neo4j.graphdb.Entity> all = relationships
                            ? tx.getAllRelationships().iterator() : tx.getAllNodes().iterator()) {
                        while (n < WIPE_CHUNK && all.hasNext()) {
                            all.next().delete();
                            n++;
                        }
                    }
                    tx.commit();
                }
                deleted += n;
            } while (n == WIPE_CHUNK);
        }
        LOG.info("Bulk load abandoned: the graph is empty again ({} nodes and relationships removed)", deleted);
    }

    /** FNV-1a over subject, predicate and object: a relation is one (s, p, o), as in {@code MERGE}. */
    private static long hash(RelationRecord r) {
        long h = 0xcbf29ce484222325L;
        for (String part : new String[] {r.subject(), r.predicate(), r.object()}) {
            for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            h = (h ^ 0xff) * 0x100000001b3L;
        }
        return h;
    }

}
