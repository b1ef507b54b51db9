package io.cigraph.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.fs.FileUtils;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Neo4j Community server with Bolt on loopback. The application talks to it through
 * the driver, exactly as it would to a remote server; imports write through the embedded API
 * unless configured otherwise. A bulk load restarts it on the database Neo4j's importer built.
 * <p>
 * It starts on a thread of its own, so that the rest of the service is built meanwhile: whatever
 * needs the running server (its Bolt address, the database) waits for the start, and a start that
 * failed is thrown there.
 */
final class EmbeddedNeo4j implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNeo4j.class);

    private final GraphProperties.Embedded settings;
    private final Path dir;
    private final boolean directWrites;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile URI boltUri;
    private volatile int boltPort;
    private volatile DatabaseManagementService service;

    EmbeddedNeo4j(GraphProperties.Embedded settings) {
        this.settings = settings;
        this.dir = settings.dir().toAbsolutePath();
        this.directWrites = settings.directWrites();
        Thread.ofPlatform().name("neo4j-start").start(this::startFirst);
    }

    private void startFirst() {
        long start = System.nanoTime();
        try {
            recoverInterruptedBulkLoad();
            service = start(settings.boltPort());
            var db = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            boltPort = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT).getPort();
            boltUri = URI.create("bolt://" + settings.boltAddress() + ":" + boltPort);
            LOG.info("Embedded Neo4j ready at {} (data in {}) in {} ms", boltUri, dir, (System.nanoTime() - start) / 1_000_000);
            started.complete(null);
        } catch (Throwable e) {
            started.completeExceptionally(e);
        }
    }

    /** Waits until the server runs; throws if it did not start. */
    private void awaitStarted() {
        try {
            started.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("The embedded Neo4j did not start (data in " + dir + ")", e.getCause());
        }
    }

    private DatabaseManagementService start(int port) {
        return new DatabaseManagementServiceBuilder(dir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(settings.boltAddress(), port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, settings.pageCache().toBytes())
                .setConfig(GraphDatabaseSettings.debug_log_enabled, false)
                // Without these, stopping the Bolt server waits about ten seconds for idle connections.
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1))
                .build();
    }

    URI boltUri() {
        awaitStarted();
        return boltUri;
    }

    /**
     * The database itself, for imports, where the driver is the slow part, unless configured to
     * write through the driver as well; empty then.
     */
    Optional<GraphDatabaseService> directWrites() {
        return directWrites ? Optional.of(database()) : Optional.empty();
    }

    GraphDatabaseService database() {
        awaitStarted();
        return service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    }

    /** Where a bulk load keeps its spool: beside the database, on the disk that has room for it. */
    Path spoolDir() {
        return dir.resolve("bulk-spool");
    }

    /** The off-heap memory Neo4j's batch importer may use. */
    long importMemory() {
        return settings.importMemory().toBytes();
    }

    /** Where a bulk load builds a new database with Neo4j's importer, as a Neo4j home of its own. */
    Path importHome() {
        return dir.resolve("bulk-import");
    }

    /**
     * Stops Neo4j, puts the database built in {@code home} (by the importer) in place of the
     * current one, and starts again on the same Bolt port, so the driver reconnects. The graph
     * is unavailable while this runs, a few seconds. If the new database does not start, the
     * old one is put back and started, and the failure thrown.
     */
    synchronized void replaceDatabase(Path home) {
        awaitStarted();
        long start = System.nanoTime();
        DatabaseSwap swap = new DatabaseSwap(dir);
        service.shutdown();
        try {
            swap.swap(home);
        } catch (IOException e) {
            try {
                swap.putBack();
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            service = start(boltPort);
            throw new UncheckedIOException("Cannot put the imported database in place in " + dir, e);
        }
        try {
            service = start(boltPort);
            database().executeTransactionally("RETURN 1");
        } catch (RuntimeException e) {
            LOG.error("The imported database did not start; putting the previous one back", e);
            try {
                service.shutdown();
            } catch (RuntimeException ignored) {
                // it may not have started at all
            }
            try {
                swap.putBack();
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            service = start(boltPort);
            throw e;
        }
        try {
            swap.dropAside();
        } catch (IOException e) {
            LOG.warn("Could not delete the replaced database in {}", dir, e);
        }
        LOG.info("Embedded Neo4j restarted on the imported database in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * What a process stopped during a bulk load left behind: a half-done swap of databases is
     * ended, and the spool and the importer's folder, of no use to anyone now, are deleted.
     */
    private void recoverInterruptedBulkLoad() {
        new DatabaseSwap(dir).recover();
        for (Path leftover : new Path[] {spoolDir(), importHome()}) {
            if (Files.exists(leftover)) {
                try {
                    FileUtils.deleteDirectory(leftover);
                    LOG.info("Deleted {}, left by a bulk load that did not end", leftover);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot delete " + leftover + ", left by an interrupted bulk load", e);
                }
            }
        }
    }

    /** Stops the server, after its start has finished; one that never started has nothing to stop. */
    @Override
    public void close() {
        try {
            started.join();
        } catch (CompletionException e) {
            return;
        }
        long start = System.nanoTime();
        service.shutdown();
        LOG.info("Embedded Neo4j stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
