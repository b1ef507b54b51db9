package io.cigraph.graph;

import java.net.URI;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Neo4j Community server with Bolt on loopback. The application talks to it through
 * the driver, exactly as it would to a remote server; imports write through the embedded API
 * unless configured otherwise.
 */
final class EmbeddedNeo4j implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNeo4j.class);

    private final DatabaseManagementService service;
    private final URI boltUri;
    private final java.nio.file.Path dir;
    private final boolean directWrites;

    EmbeddedNeo4j(GraphProperties.Embedded settings) {
        long start = System.nanoTime();
        this.dir = settings.dir().toAbsolutePath();
        this.directWrites = settings.directWrites();
        this.service = new DatabaseManagementServiceBuilder(settings.dir().toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(settings.boltAddress(), settings.boltPort()))
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
        var db = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        var address = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        this.boltUri = URI.create("bolt://" + settings.boltAddress() + ":" + address.getPort());
        LOG.info("Embedded Neo4j ready at {} (data in {}) in {} ms", boltUri, settings.dir().toAbsolutePath(),
                (System.nanoTime() - start) / 1_000_000);
    }

    URI boltUri() {
        return boltUri;
    }

    /**
     * The database itself, for imports, where the driver is the slow part, unless configured to
     * write through the driver as well; empty then.
     */
    java.util.Optional<org.neo4j.graphdb.GraphDatabaseService> directWrites() {
        return directWrites ? java.util.Optional.of(service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME))
                : java.util.Optional.empty();
    }

    /** Where a bulk load keeps its spool: beside the database, on the disk that has room for it. */
    java.nio.file.Path spoolDir() {
        return dir.resolve("bulk-spool");
    }

    @Override
    public void close() {
        long start = System.nanoTime();
        service.shutdown();
        LOG.info("Embedded Neo4j stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
