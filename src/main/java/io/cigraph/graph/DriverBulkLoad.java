package io.cigraph.graph;

import io.cigraph.model.BatchSummary;
import io.cigraph.model.BulkLoad;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.RelationRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk load into an empty remote Neo4j (a server or cluster the service does not run): there
 * is no embedded API to reach, so it writes with the transactional path's own statements, one
 * transaction per chunk, resources first and relations at the end (a file may name a resource
 * before it describes it; the relations wait in a spool on disk). A {@code :BulkLoad} node marks
 * the load from its start until the transaction that writes its ledger, so that a load stopped
 * where it could not clean up (killed) is recognised at the next start ({@link
 * GraphStore#clearInterruptedBulkLoad()}). Closing an unfinished load deletes what it wrote, its
 * resources: the graph held none before it.
 */
final class DriverBulkLoad implements BulkLoad {

    private static final Logger LOG = LoggerFactory.getLogger(DriverBulkLoad.class);
    private static final int REPLAY_CHUNK = 20_000;

    private final Driver driver;
    private final GraphWrites writes;
    private final int statementRows;
    private final RelationSpool relations;
    private boolean finished;
    /** By batch id, the sources its ledger entry lists, as a transactional write lists them. */
    private final Map<String, Set<String>> sources = new HashMap<>();

    /**
     * Starts the load by writing its mark, which the graph's unique constraint allows once: when
     * another instance's load holds it, this one throws {@link BulkLoadElsewhereException}.
     *
     * @param owner the instance that loads, as its mark names it
     */
    DriverBulkLoad(Driver driver, GraphWrites writes, int statementRows, Path spoolDir, String owner) {
        this.driver = driver;
        this.writes = writes;
        this.statementRows = statementRows;
        try (Session session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                // Read after the mark took its lock: a transactional import that held it first has committed.
                if (tx.run(MARK, Map.of("owner", owner)).single().get("written").asBoolean()) {
                    throw new BulkLoadElsewhereException("Another instance imported into this graph since it was found empty", null);
                }
            });
        } catch (org.neo4j.driver.exceptions.ClientException e) {
            if (e.code() != null && e.code().contains("ConstraintValidationFailed")) {
                throw new BulkLoadElsewhereException("Another instance is bulk loading into this graph", e);
            }
            throw e;
        }
        this.relations = new RelationSpool(spoolDir);
    }

    /**
     * Marks a bulk load through the driver as running, until its ledger is written: one at a time
     * (unique key), with the instance that loads and when it last wrote (renewed with every chunk).
     */
    static final String MARK = """
            CREATE (:BulkLoad {key: 'running', owner: $owner, startedAt: datetime(), heartbeat: datetime()})
            RETURN EXISTS { (:ImportBatch) } AS written
            """;
    private static final String HEARTBEAT = "MATCH (m:BulkLoad {key: 'running'}) SET m.heartbeat = datetime()";
    /** What an unfinished bulk load through the driver leaves: its resources and its mark. */
    static final String UNDO = """
            MATCH (n) WHERE n:Resource OR n:BulkLoad CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
            """;

    @Override
    public void add(ImportBatch chunk) {
        writes.addSources(chunk, sources.computeIfAbsent(chunk.id(), k -> new TreeSet<>()));
        try (Session session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                writes.writeResources(tx, chunk.resources(), chunk.id(), statementRows);
                tx.run(HEARTBEAT).consume();
            });
        }
        chunk.relations().forEach(r -> relations.add(r, chunk.id()));
    }

    @Override
    public void finish(List<BatchSummary> batches) {
        LOG.info("Bulk load through the driver: every resource written; writing the relations, then the ledger");
        try (Session session = driver.session()) {
            relations.replay(REPLAY_CHUNK, rows -> {
                List<RelationRecord> records = new ArrayList<>(rows.size());
                List<String> ids = new ArrayList<>(rows.size());
                rows.forEach(s -> {
                    records.add(s.relation());
                    ids.add(s.batch());
                });
                session.executeWriteWithoutResult(tx -> {
                    writes.writeRelations(tx, records, ids, statementRows);
                    tx.run(HEARTBEAT).consume();
                });
            });
            session.executeWriteWithoutResult(tx -> {
                batches.forEach(b -> GraphWrites.writeLedger(tx, b, null, List.copyOf(sources.getOrDefault(b.id(), Set.of()))));
                tx.run("MATCH (m:BulkLoad) DELETE m").consume();
            });
        }
        finished = true;
    }

    @Override
    public void close() {
        relations.close();
        if (finished) {
            return;
        }
        try (Session session = driver.session()) {
            session.run(UNDO).consume();
            LOG.info("Bulk load abandoned: the graph is empty again");
        } catch (RuntimeException e) {
            LOG.error("Could not empty the graph after a failed bulk load", e);
        }
    }
}
