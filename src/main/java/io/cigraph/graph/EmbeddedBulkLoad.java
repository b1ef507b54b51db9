package io.cigraph.graph;

import io.cigraph.model.BatchSummary;
import io.cigraph.model.BulkLoad;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectLongHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk load into the empty in-process database through Neo4j's embedded Java API: nodes and
 * relationships are created directly, one large transaction per chunk, with no Cypher to plan,
 * no Bolt to cross and no {@code MERGE} lookups. What {@code MERGE} gave the transactional path
 * is kept by bookkeeping: a map from id to node (a restated resource updates its node) and a set
 * of 64-bit hashes of the relations seen (a restated relation is looked up at the end and
 * updated). A relation whose ends are not both created yet waits in a spool on disk. Neo4j's
 * offline batch importer would be faster still, but it needs the database stopped and internal
 * APIs; this one runs on the live database, which stays empty to readers until each commit.
 */
final class EmbeddedBulkLoad implements BulkLoad {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBulkLoad.class);
    private static final int REPLAY_CHUNK = 20_000;
    private static final int WIPE_CHUNK = 50_000;

    private final GraphDatabaseService db;
    private final GraphWrites writes;
    private final ObjectLongHashMap<String> nodes = new ObjectLongHashMap<>();
    private final LongHashSet stated = new LongHashSet();
    private final RelationSpool waiting;
    private final RelationSpool restated;
    private boolean finished;

    EmbeddedBulkLoad(GraphDatabaseService db, GraphWrites writes, Path spoolDir) {
        this.db = db;
        this.writes = writes;
        this.waiting = new RelationSpool(spoolDir);
        this.restated = new RelationSpool(spoolDir);
    }

    @Override
    public void add(ImportBatch chunk) {
        try (Transaction tx = db.beginTx()) {
            for (ResourceRecord r : chunk.resources()) {
                long existing = nodes.getIfAbsent(r.id(), -1);
                Node node = existing < 0 ? tx.createNode() : tx.getNodeById(existing);
                EmbeddedWrites.replace(node, writes.labels(r), GraphWrites.resourceProperties(r, chunk.id()));
                nodes.put(r.id(), node.getId());
            }
            for (RelationRecord r : chunk.relations()) {
                if (!stated.add(hash(r))) {
                    restated.add(r, chunk.id());
                } else if (!nodes.containsKey(r.subject()) || !nodes.containsKey(r.object())) {
                    waiting.add(r, chunk.id());
                } else {
                    create(tx, r, chunk.id());
                }
            }
            tx.commit();
        }
    }

    @Override
    public void finish(List<BatchSummary> batches) {
        long start = System.nanoTime();
        long late = waiting.size();
        waiting.replay(REPLAY_CHUNK, rows -> inTransaction(tx -> rows.forEach(s -> create(tx, s.relation(), s.batch()))));
        restated.replay(REPLAY_CHUNK, rows -> inTransaction(tx -> rows.forEach(s -> update(tx, s.relation(), s.batch()))));
        inTransaction(tx -> batches.forEach(b -> EmbeddedWrites.ledger(tx, b)));
        finished = true;
        LOG.info("Neo4j bulk load finished: {} nodes; {} relations waited for an end, {} were restated ({} ms to finish)",
                nodes.size(), late, restated.size(), (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void close() {
        waiting.close();
        restated.close();
        if (!finished) {
            try {
                wipe();
            } catch (RuntimeException e) {
                LOG.error("Could not empty the graph after a failed bulk load", e);
            }
        }
    }

    private void create(Transaction tx, RelationRecord r, String batch) {
        Node a = tx.getNodeById(nodes.get(r.subject()));
        Node b = tx.getNodeById(nodes.get(r.object()));
        Relationship rel = a.createRelationshipTo(b, RelationshipType.withName(writes.relationshipType(r)));
        EmbeddedWrites.replace(rel, GraphWrites.relationProperties(r, batch));
    }

    /** A relation stated again: its provenance replaces the earlier one's, as {@code MERGE ... SET} does. */
    private void update(Transaction tx, RelationRecord r, String batch) {
        Relationship found = EmbeddedWrites.find(tx.getNodeById(nodes.get(r.subject())), tx.getNodeById(nodes.get(r.object())),
                RelationshipType.withName(writes.relationshipType(r)));
        if (found == null) {
            // Only a hash collision gets here: the relation is new after all.
            create(tx, r, batch);
        } else {
            EmbeddedWrites.replace(found, GraphWrites.relationProperties(r, batch));
        }
    }

    private void inTransaction(java.util.function.Consumer<Transaction> work) {
        try (Transaction tx = db.beginTx()) {
            work.accept(tx);
            tx.commit();
        }
    }

    /** Deletes everything in chunks: the load started on an empty graph, so empty is how it was. */
    private void wipe() {
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
