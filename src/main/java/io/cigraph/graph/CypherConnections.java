package io.cigraph.graph;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.boot.neo4j.autoconfigure.Neo4jProperties;
import org.springframework.stereotype.Component;

/**
 * The connections researchers' Cypher runs on: a driver and pool of their own, apart from the one
 * that serves entities, paths and imports, so that their queries can never take the connections the
 * rest of the service needs. Neo4j stops a query at its timeout only between rows: an expression
 * that runs long by itself ({@code reduce} over a huge range) goes on and keeps its connection
 * busy. Such a connection cannot be taken back alone, so the whole driver is {@link #recycle}d: its
 * connections are closed (the queries still on them fail) and a new driver takes its place.
 */
@Component
class CypherConnections implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(CypherConnections.class);

    private final Neo4jConnectionDetails details;
    private final Config config;
    private final AtomicReference<Driver> driver = new AtomicReference<>();

    CypherConnections(Neo4jConnectionDetails details, Neo4jProperties neo4j, GraphProperties properties) {
        this.details = details;
        Duration acquisition = neo4j.getPool().getConnectionAcquisitionTimeout();
        this.config = Config.builder()
                .withMaxConnectionPoolSize(properties.cypher().connections())
                .withConnectionAcquisitionTimeout(acquisition.toMillis(), TimeUnit.MILLISECONDS)
                .withUserAgent("ci-graph-cypher")
                .build();
    }

    /** The current driver, made at first use (the database may still be starting when this bean is built). */
    Driver driver() {
        Driver d = driver.get();
        if (d == null) {
            synchronized (this) {
                d = driver.get();
                if (d == null) {
                    d = GraphDatabase.driver(details.getUri(), details.getAuthToken(), config);
                    driver.set(d);
                }
            }
        }
        return d;
    }

    /** Closes {@code stale}'s connections and puts a new driver in its place, unless that happened already. */
    void recycle(Driver stale) {
        synchronized (this) {
            if (driver.get() != stale) {
                return;
            }
            driver.set(null);
        }
        LOG.warn("A Cypher query outran its timeout; closing the Cypher connections so that it cannot hold them");
        stale.closeAsync();
    }

    @Override
    public void destroy() {
        Driver d = driver.getAndSet(null);
        if (d != null) {
            d.close();
        }
    }
}
