package io.cigraph.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.io.fs.FileUtils;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.api.security.AuthToken;
import org.neo4j.kernel.api.security.exception.InvalidAuthTokenException;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.storageengine.api.TransactionIdStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Neo4j Community server with Bolt on loopback, authentication on and no WebSocket
 * for web pages (see {@link BoltGate}). The application talks to it through the driver, exactly
 * as it would to a remote server, with {@link Neo4jCredentials}; imports write through the
 * embedded API unless configured otherwise. A bulk load restarts it on the database Neo4j's importer built.
 * <p>
 * It starts on a thread of its own, so that the rest of the service is built meanwhile: whatever
 * needs the running server (its Bolt address, the database) waits for the start, and a start that
 * failed is thrown there.
 */
final class EmbeddedNeo4j implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNeo4j.class);

    /** How long stopping waits for Neo4j to stop. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final GraphProperties.Embedded settings;
    private final Path dir;
    private final boolean directWrites;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile URI boltUri;
    private volatile int boltPort;
    private volatile DatabaseManagementService service;
    private volatile Neo4jCredentials credentials;
    private volatile TransactionIdStore transactionIds;

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
            credentials = Neo4jCredentials.of(dir, settings.password());
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

    /**
     * Starts Neo4j with authentication on, the service's own user set to its password, and the gate
     * in front of Bolt; only then does anything learn the Bolt address.
     */
    private DatabaseManagementService start(int port) {
        DatabaseManagementService started = new DatabaseManagementServiceBuilder(dir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(settings.boltAddress(), port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Embedded Neo4j has no HTTP server; said anyway, so that a new version cannot open one.
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // Heap that queries (and imports) may hold before Neo4j stops them, rather than the JVM running out.
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, settings.transactionMemory().toBytes())
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, settings.totalTransactionMemory().toBytes())
                .setConfig(GraphDatabaseSettings.pagecache_memory, settings.pageCache().toBytes())
                .setConfig(GraphDatabaseSettings.debug_log_enabled, false)
                // One plan per query text and parameter types. By default Neo4j also keys its plans on
                // each string's and list's length rounded up to a power of ten, so that an entity id of 11
                // characters was planned again after one of 10 had been (200-600 ms at 100k entities
                // for the first entity, neighbourhood or path of each length class); the service's
                // statements find their start by id through an index whatever those lengths are.
                .setConfig(GraphDatabaseInternalSettings.cypher_size_hint_parameters, false)
                // Without these, stopping the Bolt server waits about ten seconds for idle connections.
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1))
                .build();
        try {
            GraphDatabaseAPI system = (GraphDatabaseAPI) started.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            if (!hasPassword(system)) {
                setPassword(system);
            }
            BoltGate.install(system.getDependencyResolver(), settings.websocketOrigins());
        } catch (RuntimeException e) {
            started.shutdown();
            throw e;
        }
        return started;
    }

    /**
     * Whether the service's user already logs in with its password and needs no change, asked of
     * Neo4j's own authentication (no Cypher): then {@link #setPassword} would change nothing, and
     * planning its statement with a cold planner was half of Neo4j's start.
     */
    private boolean hasPassword(GraphDatabaseAPI system) {
        try {
            LoginContext login = system.getDependencyResolver().resolveDependency(AuthManager.class).login(
                    AuthToken.newBasicAuthToken(credentials.username(), credentials.password()),
                    ClientConnectionInfo.EMBEDDED_CONNECTION);
            return login.subject().getAuthenticationResult() == AuthenticationResult.SUCCESS;
        } catch (InvalidAuthTokenException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Sets the service's password on every start unless it has it: a data folder made without authentication (or
     * before the password was configured) still has Neo4j's initial {@code neo4j}/{@code neo4j}, which
     * must not stay. Neo4j refuses to set the password a user already has; that is the usual case.
     */
    private void setPassword(GraphDatabaseService system) {
        try {
            system.executeTransactionally("ALTER USER %s SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED"
                    .formatted(credentials.username()), Map.of("password", credentials.password()));
        } catch (QueryExecutionException e) {
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw new IllegalStateException("Cannot set the password of the Neo4j user '" + credentials.username()
                        + "': " + e.getMessage(), e);
            }
        }
    }

    /** The user the service (and a person with access to the data folder) logs in with. */
    Neo4jCredentials credentials() {
        awaitStarted();
        return credentials;
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

    /**
     * The id of the last transaction the database committed, whoever wrote it (this service, or a
     * client of its Bolt port): unchanged, nothing in the graph changed.
     */
    long lastCommittedTransaction() {
        TransactionIdStore store = transactionIds;
        if (store == null) {
            // Resolving looks through every component the database registered: once.
            store = ((GraphDatabaseAPI) database()).getDependencyResolver()
                    .resolveDependency(TransactionIdStore.class);
            transactionIds = store;
        }
        return store.getLastCommittedTransactionId();
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

    /**
     * Stops the server, after its start has finished; one that never started has nothing to stop.
     * Gives up after {@link #STOP_WAIT}, so that a runaway query cannot keep the service from stopping.
     */
    @Override
    public void close() {
        try {
            started.join();
        } catch (CompletionException e) {
            return;
        }
        long start = System.nanoTime();
        // Neo4j waits for every transaction to end before it stops, and a terminated query stuck in
        // one long expression does not end: the service stops anyway after a while, and Neo4j
        // recovers from its transaction logs at the next start.
        Thread stopper = Thread.ofPlatform().name("neo4j-stop").daemon().start(service::shutdown);
        try {
            if (!stopper.join(STOP_WAIT)) {
                LOG.error("Embedded Neo4j did not stop within {} s: a query is still running; leaving it (data in {})",
                        STOP_WAIT.toSeconds(), dir);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LOG.info("Embedded Neo4j stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
