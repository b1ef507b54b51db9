package io.cigraph.bench;

import io.cigraph.Neo4jServer;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the benchmarks' service keeps its graph: the in-process Neo4j in the work folder (the
 * default), or, with {@code -Dbench.neo4j=separate}, a Neo4j server in a JVM of its own on that
 * folder (authentication on, reached over {@code neo4j://}, {@code -Dbench.neo4j.heap} and
 * {@code -Dbench.neo4j.page-cache}), started on first use and shared by every service JVM the
 * benchmark runs, as replicas would share it.
 */
final class BenchGraph {

    private static Neo4jServer server;

    private BenchGraph() {
    }

    static boolean separate() {
        return "separate".equals(System.getProperty("bench.neo4j", ""));
    }

    /** The service's graph settings as command-line arguments for this work folder. */
    static synchronized List<String> arguments(Path work) {
        Path dir = work.resolve("neo4j").toAbsolutePath();
        if (!separate()) {
            return List.of("--cigraph.graph.embedded.dir=" + dir, "--cigraph.graph.embedded.bolt-port=0");
        }
        if (server == null) {
            server = Neo4jServer.start(dir, System.getProperty("bench.neo4j.heap", "2g"),
                    System.getProperty("bench.neo4j.page-cache", "512m"));
            Runtime.getRuntime().addShutdownHook(new Thread(BenchGraph::stop));
        }
        return server.settings().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    /** What the report says the graph ran on. */
    static String describe() {
        return separate() ? "a separate Neo4j server (own JVM -Xmx" + System.getProperty("bench.neo4j.heap", "2g")
                + ", page cache " + System.getProperty("bench.neo4j.page-cache", "512m") + ", neo4j:// with authentication)"
                : "the in-process Neo4j";
    }

    static synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
