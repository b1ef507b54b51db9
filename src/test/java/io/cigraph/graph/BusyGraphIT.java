package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A graph under pressure answers with problems that say so, and soon. A service of its own: its
 * pool has one connection and a short wait for it, and the runaway query here keeps computing in
 * its Neo4j until the test JVM ends, so it must not share a Neo4j with other tests' Cypher.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.neo4j.pool.max-connection-pool-size=1",
        "spring.neo4j.pool.connection-acquisition-timeout=1s"})
class BusyGraphIT {

    private static final String RUNAWAY = "RETURN reduce(s=\"\", x IN range(1,50000000) | s + \"a\")";

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Autowired
    GraphReads reads;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "cigraph-busy");
        registry.add("cigraph.graph.embedded.dir", () -> data.resolve("neo4j").toString());
        registry.add("cigraph.graph.embedded.bolt-port", () -> "0");
        registry.add("cigraph.rdf.dir", () -> data.resolve("tdb2").toString());
        registry.add("cigraph.search.dir", () -> data.resolve("index").toString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).build());
    }

    private HttpResponse<String> cypher(String query, long timeoutMillis) throws Exception {
        String body = "{\"query\": \"" + query.replace("\"", "\\\"") + "\", \"timeoutMillis\": " + timeoutMillis + "}";
        return send(HttpRequest.newBuilder(uri("/api/cypher")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void withEveryReadTakenARequestIsAnswered503WithRetryAfterSoon() throws Exception {
        // The in-process reads are bounded by the pool's size and wait, as the driver's connections are.
        var holding = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var held = CompletableFuture.runAsync(() -> reads.read(tx -> {
            tx.run("RETURN 1").list();
            holding.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            HttpResponse<String> busy = get("/api/entities/huawei");
            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            assertThat(busy.body()).contains("graph-busy");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            release.countDown();
        }
        held.get(10, TimeUnit.SECONDS);
        assertThat(get("/api/entities/huawei").statusCode()).isEqualTo(200);
    }

    @Test
    void withEveryDriverConnectionTakenARequestOverBoltIsAnswered503WithRetryAfterSoon() throws Exception {
        try (var session = driver.session(); var held = session.beginTransaction()) {
            held.run("RETURN 1").consume();
            long start = System.nanoTime();
            HttpResponse<String> busy = get("/api/imports");
            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            assertThat(busy.body()).contains("graph-busy");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(get("/api/imports").statusCode()).isEqualTo(200);
    }

    @Test
    void aRunawayExpressionEndsInAProblemSoonAfterItsTimeoutWhileTheRestOfTheServiceAnswers() throws Exception {
        var runaway = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            try {
                return java.util.Map.entry(cypher(RUNAWAY, 1000), Duration.ofNanos(System.nanoTime() - start));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1500);
        // Without the fixes the runaway does not answer for many minutes, and a starved pool answers
        // entities with an error. Meanwhile an entity answers as it does on a busy machine: a few
        // milliseconds, with room for a machine that is busier still.
        long start = System.nanoTime();
        HttpResponse<String> entity = get("/api/entities/huawei");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(entity.statusCode()).isEqualTo(200);
        System.out.println("An entity while a runaway computes: " + took.toMillis() + " ms");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        var answer = runaway.get(60, TimeUnit.SECONDS);
        assertThat(answer.getKey().statusCode()).as(answer.getKey().body()).isBetween(400, 503);
        assertThat(answer.getKey().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(answer.getValue()).isLessThan(Duration.ofMillis(1000).plus(CypherQueries.GRACE).plusSeconds(10));

        // Neo4j goes on computing it, a core busy: a second would take another core, and is refused.
        HttpResponse<String> again = cypher(RUNAWAY, 1000);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(503);
        assertThat(again.headers().firstValue("Retry-After")).isPresent();
        assertThat(again.body()).contains("still computing");
        assertThat(get("/api/entities/huawei").statusCode()).isEqualTo(200);
    }
}
