package io.cigraph.graph;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.neo4j.driver.TransactionContext;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * Read transactions of the in-process database, bounded as the driver's pool bounds them: as many
 * at once as the pool has connections, and a request that waits longer than the pool's acquisition
 * timeout for its turn is told the graph is busy ({@link GraphBusyException}, 503), rather than
 * queueing without end. Each has the configured timeout, which Neo4j enforces; nothing is
 * committed (the transaction is rolled back as it closes).
 */
final class EmbeddedReads {

    private final EmbeddedNeo4j neo4j;
    private final Duration timeout;
    private final Semaphore permits;
    private final Duration wait;
    private volatile GraphDatabaseService database;

    EmbeddedReads(EmbeddedNeo4j neo4j, Duration timeout, int concurrency, Duration wait) {
        this.neo4j = neo4j;
        this.timeout = timeout;
        this.permits = new Semaphore(Math.max(1, concurrency), true);
        this.wait = wait;
    }

    <T> T read(Function<TransactionContext, T> work) {
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new GraphBusyException("Every read of the graph database is in use: try again in a few seconds.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphBusyException("Interrupted while waiting for a read of the graph database.");
        }
        try (Transaction tx = database().beginTx(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return work.apply(new EmbeddedReadContext(tx, timeout));
        } catch (RuntimeException e) {
            throw EmbeddedReadContext.translated(e, timeout);
        } finally {
            permits.release();
        }
    }

    private GraphDatabaseService database() {
        GraphDatabaseService db = database;
        if (db == null) {
            db = neo4j.database();
            database = db;
        }
        return db;
    }
}
