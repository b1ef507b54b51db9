package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service whose graph connections are all taken says so with 503 and when to retry, rather than
 * blaming the request. Its own service, with a pool of one connection and a short wait for it
 * (and no data: the answer comes before any query runs).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.neo4j.pool.max-connection-pool-size=1",
        "spring.neo4j.pool.connection-acquisition-timeout=1s",
        "cigraph.import.load-at-startup=false"})
class GraphBusyIT {

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "cigraph-busy");
        registry.add("cigraph.graph.embedded.dir", () -> data.resolve("neo4j").toString());
        registry.add("cigraph.graph.embedded.bolt-port", () -> "0");
        registry.add("cigraph.rdf.dir", () -> data.resolve("tdb2").toString());
        registry.add("cigraph.search.dir", () -> data.resolve("index").toString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void withEveryConnectionTakenARequestIsAnswered503WithRetryAfterSoon() throws Exception {
        try (var session = driver.session(); var held = session.beginTransaction()) {
            held.run("RETURN 1").consume();
            long start = System.nanoTime();
            HttpResponse<String> busy = get("/api/entities/huawei");
            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            assertThat(busy.body()).contains("graph-busy");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(get("/api/entities/huawei").statusCode()).isEqualTo(404);
    }
}
