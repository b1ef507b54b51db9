package io.cigraph.graph;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * <p>
 * A read asked for on a platform thread (Tomcat's, by default) runs on it. One asked for on a
 * virtual thread (with {@code spring.threads.virtual.enabled}) runs on a platform thread of its
 * own, as Neo4j's Bolt workers ran them: the JVM does not preempt virtual threads, so a heavy
 * read computed on one would hold one of the few carrier threads until its timeout, and two
 * would stop every other request meanwhile.
 */
final class EmbeddedReads {

    private final EmbeddedNeo4j neo4j;
    private final Duration timeout;
    private final Semaphore permits;
    private final Duration wait;
    private volatile GraphDatabaseService database;
    private final ExecutorService threads = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("graph-read-", 0).daemon().factory());

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
        try {
            if (!Thread.currentThread().isVirtual()) {
                return inTransaction(work);
            }
            return threads.submit(() -> inTransaction(work)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphBusyException("Interrupted while reading the graph database.");
        } finally {
            permits.release();
        }
    }

    private <T> T inTransaction(Function<TransactionContext, T> work) {
        try (Transaction tx = database().beginTx(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return work.apply(new EmbeddedReadContext(tx, timeout));
        } catch (RuntimeException e) {
            throw EmbeddedReadContext.translated(e, timeout);
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
