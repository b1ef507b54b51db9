package io.cigraph.graph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Graph settings. The connection itself stays on Boot's {@code spring.neo4j.*}: when
 * {@code spring.neo4j.uri} is unset, an in-process Neo4j is started with {@link Embedded}.
 *
 * @param queryTimeout timeout of every read query
 * @param maxRows      the most rows (relations, nodes, paths) any one answer returns
 * @param embedded     the in-process Neo4j
 * @param cypher       the read-only Cypher endpoint
 */
@ConfigurationProperties("cigraph.graph")
record GraphProperties(
        @DefaultValue("30s") Duration queryTimeout,
        @DefaultValue("1000") int maxRows,
        @DefaultValue Embedded embedded,
        @DefaultValue Cypher cypher) {

    /**
     * @param timeout     the longest a researcher's Cypher query may run; a request can only shorten it
     * @param maxRows     the most rows one Cypher answer returns; the rest are cut off and flagged
     * @param maxLength   the longest query text, in characters, given to Neo4j's parser
     * @param maxDepth    the deepest nesting of brackets ({@code ( [ {}) in a query given to Neo4j's
     *                    parser, whose time grows steeply with it
     * @param connections the most Cypher queries running at once: they have a connection pool of
     *                    their own, apart from the rest of the service's
     * @param maxRunaways how many queries that outran their timeout may still be computing in Neo4j
     *                    (each keeps a core busy) before new Cypher queries are refused with 503
     */
    record Cypher(
            @DefaultValue("30s") Duration timeout,
            @DefaultValue("10000") int maxRows,
            @DefaultValue("20000") int maxLength,
            @DefaultValue("40") int maxDepth,
            @DefaultValue("8") int connections,
            @DefaultValue("1") int maxRunaways) {
    }

    /**
     * @param dir         database folder
     * @param boltAddress address the Bolt connector listens on (loopback by default: not exposed)
     * @param boltPort    Bolt port; 0 picks a free port
     * @param pageCache   Neo4j page cache size
     * @param directWrites write imports through Neo4j's embedded API (no Cypher to plan, no Bolt to
     *                    cross); {@code false} writes through the driver, exactly as against a remote
     *                    server.
     * @param directReads  run the read features' statements (entities, neighbourhoods, paths,
     *                     catalog, export) in the in-process database's own transactions, the same
     *                     statements without the Bolt exchange; {@code false} reads through the
     *                     driver. Researchers' Cypher always goes through the driver.
     * @param importMemory off-heap memory Neo4j's batch importer may use in a bulk load (its
     *                     own default is most of the machine's free memory)
     * @param password     password of the {@code neo4j} user the service logs in with; unset, one is
     *                     generated at the first start and kept in {@code dir}/credentials.properties
     *                     (owner-only), where Neo4j tools' users find it
     * @param transactionMemory      the most heap one transaction may hold (Neo4j's
     *                               {@code db.memory.transaction.max}); a query beyond it fails, and so
     *                               would an import file that large written in one transaction
     * @param totalTransactionMemory the most heap all transactions together may hold
     *                               ({@code dbms.memory.transaction.total.max})
     * @param websocketOrigins       web origins (such as {@code https://browser.example}) whose pages may
     *                               speak Bolt over WebSocket; empty, Bolt refuses every WebSocket
     */
    record Embedded(
            @DefaultValue("data/neo4j") Path dir,
            @DefaultValue("127.0.0.1") String boltAddress,
            @DefaultValue("7687") int boltPort,
            @DefaultValue("256MB") DataSize pageCache,
            @DefaultValue("true") boolean directWrites,
            @DefaultValue("1GB") DataSize importMemory,
            String password,
            @DefaultValue("1GB") DataSize transactionMemory,
            @DefaultValue("2GB") DataSize totalTransactionMemory,
            @DefaultValue List<String> websocketOrigins,
            @DefaultValue("true") boolean directReads) {

        /** Settings for tests and tools: everything else at its default. */
        static Embedded make(Path dir, int boltPort, DataSize pageCache, DataSize importMemory) {
            return new Embedded(dir, "127.0.0.1", boltPort, pageCache, true, importMemory, null,
                    DataSize.ofGigabytes(1), DataSize.ofGigabytes(2), List.of(), true);
        }
    }
}
