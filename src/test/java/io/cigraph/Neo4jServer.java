package io.cigraph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Neo4j as a server of its own: a separate JVM on the test classpath (the Neo4j artifacts the
 * service already depends on), Bolt on a free loopback port, authentication on, and a user with a
 * password; reached over {@code neo4j://} (routing) the way a user points the service at a server.
 *
 * <p>The integration tests run against it when the system property {@value #EXTERNAL} is true (the
 * build's second integration-test run sets it): {@link #graphSettings} then starts one server per
 * data folder and answers the {@code spring.neo4j.*} settings that reach it, else the in-process
 * Neo4j's settings. A server ends when the test JVM does: it stops when its standard input closes.
 */
public final class Neo4jServer {

    public static final String EXTERNAL = "cigraph.it.external-neo4j";
    public static final String USER = "cigraph";
    public static final String PASSWORD = "separate-server-password";
    private static final String READY = "Neo4j server ready on Bolt port ";
    private static final Map<Path, Neo4jServer> RUNNING = new ConcurrentHashMap<>();

    private final Process process;
    private final int port;
    private final Path dir;

    private Neo4jServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Whether the integration tests run against separate Neo4j servers. */
    public static boolean external() {
        return Boolean.getBoolean(EXTERNAL);
    }

    /**
     * The settings that put the service's graph in {@code dir}: the in-process Neo4j's folder on a
     * free Bolt port, or, when {@link #external()}, a separate server on that folder (started on first use).
     */
    public static Map<String, String> graphSettings(Path dir) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (external()) {
            settings.putAll(RUNNING.computeIfAbsent(dir.toAbsolutePath(), Neo4jServer::start).settings());
        } else {
            settings.put("cigraph.graph.embedded.dir", dir.toString());
            settings.put("cigraph.graph.embedded.bolt-port", "0");
        }
        return settings;
    }

    /** The same settings as command-line arguments ({@code --name=value}). */
    public static List<String> graphArguments(Path dir) {
        return graphSettings(dir).entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    /** Starts a server on {@code dir}, with a heap and page cache for the tests' small graphs, and waits until it takes connections. */
    public static Neo4jServer start(Path dir) {
        return start(dir, "384m", "64m");
    }

    /** Starts a server on {@code dir} with this heap and page cache ({@code 512m}, {@code 2g}) and waits until it takes connections. */
    public static Neo4jServer start(Path dir, String heap, String pageCache) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + heap, heap.equals("384m") ? "-XX:+UseSerialGC" : "-XX:+UseParallelGC", "-Dcigraph.page-cache=" + pageCache,
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/java.io=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Neo4jServer.class.getName(), dir.toString(), Integer.toString(port)));
        try {
            Files.createDirectories(dir);
            Path log = dir.resolveSibling(dir.getFileName() + "-server.log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Neo4jServer server = new Neo4jServer(p, port, dir);
            server.awaitReady(log, Duration.ofSeconds(90));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code spring.neo4j.*} settings of a client of this server. */
    public Map<String, String> settings() {
        return Map.of("spring.neo4j.uri", uri(),
                "spring.neo4j.authentication.username", USER,
                "spring.neo4j.authentication.password", PASSWORD);
    }

    public String uri() {
        return "neo4j://localhost:" + port;
    }

    public Path dir() {
        return dir;
    }

    /** Stops the server (its database is left as it is on disk). */
    public void stop() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        RUNNING.values().remove(this);
    }

    private void awaitReady(Path log, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < end) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                if (text.contains(READY)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("The Neo4j server ended before it was ready:\n" + text);
                }
                Thread.sleep(50);
            }
            process.destroyForcibly();
            throw new IllegalStateException("The Neo4j server was not ready within " + timeout + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's own JVM: arguments are its data folder and Bolt port; it runs until its standard input closes. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("localhost", port))
                // What the routing table hands out: this server, on the port it listens on.
                .setConfig(BoltConnector.advertised_address, new SocketAddress("localhost", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, org.springframework.util.unit.DataSize.parse(
                        System.getProperty("cigraph.page-cache", "64m").toUpperCase(java.util.Locale.ROOT) + "B").toBytes())
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));
        var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        boolean exists = system.executeTransactionally("SHOW USERS YIELD user WHERE user = $user RETURN count(*) AS n",
                Map.of("user", USER), r -> ((Number) r.next().get("n")).longValue() > 0);
        if (!exists) {
            system.executeTransactionally("CREATE USER %s SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED".formatted(USER),
                    Map.of("password", PASSWORD));
        }
        System.out.println(READY + port);
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // Runs until the parent closes the pipe (or ends).
            }
        }
        System.exit(0); // the shutdown hook stops the database
    }
}
