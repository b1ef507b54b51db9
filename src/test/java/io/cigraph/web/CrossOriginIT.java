package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.CiGraphApplication;
import io.cigraph.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * CORS is off in the shared service (no origins configured), and on, for the configured origin
 * only, in a second service of its own with empty stores: both {@code /api/**}, served by
 * controllers, and {@code /sparql}, served by Fuseki's filter.
 */
class CrossOriginIT extends IntegrationTest {

    private static final String ALLOWED = "https://yasgui.example.org";
    private static final String OTHER = "https://elsewhere.example.org";
    private static final String ASK = "/sparql?query=" + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;

    static ConfigurableApplicationContext configured;
    static int configuredPort;

    @BeforeAll
    static void startAServiceWithAnAllowedOrigin() {
        configured = new SpringApplicationBuilder(CiGraphApplication.class).run(
                "--server.port=0",
                "--cigraph.graph.embedded.dir=" + data.resolve("neo4j"),
                "--cigraph.graph.embedded.bolt-port=0",
                "--cigraph.rdf.dir=" + data.resolve("tdb2"),
                "--cigraph.search.dir=" + data.resolve("index"),
                "--cigraph.import.load-at-startup=false",
                "--cigraph.web.cors.allowed-origins=" + ALLOWED);
        configuredPort = Integer.parseInt(configured.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        configured.close();
    }

    private static HttpResponse<String> preflight(int port, String path, String origin, String method) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "content-type"));
    }

    private static HttpResponse<String> get(int port, String path, String origin) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().header("Origin", origin));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> allowedOrigin(HttpResponse<String> response) {
        return response.headers().firstValue("Access-Control-Allow-Origin");
    }

    @Test
    void withNoOriginConfiguredNoAnswerAllowsAnotherOrigin() {
        for (String path : new String[] {"/api/entities/huawei", ASK}) {
            HttpResponse<String> read = get(port, path, ALLOWED);
            assertThat(read.statusCode()).as(path).isEqualTo(200);
            assertThat(allowedOrigin(read)).as(path).isEmpty();
            assertThat(allowedOrigin(preflight(port, path, ALLOWED, "POST"))).as(path).isEmpty();
        }
    }

    @Test
    void theConfiguredOriginMayReadTheApiAndSparql() {
        for (String path : new String[] {"/api/stats", ASK}) {
            HttpResponse<String> preflight = preflight(configuredPort, path, ALLOWED, "POST");
            assertThat(preflight.statusCode()).as(path).isEqualTo(200);
            assertThat(allowedOrigin(preflight)).as(path).contains(ALLOWED);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).as(path).contains("POST");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                    .as(path).contains("content-type");

            HttpResponse<String> read = get(configuredPort, path, ALLOWED);
            assertThat(read.statusCode()).as(path).isEqualTo(200);
            assertThat(allowedOrigin(read)).as(path).contains(ALLOWED);
        }
    }

    @Test
    void anotherOriginIsNotAllowedEvenWhereOneIs() {
        for (String path : new String[] {"/api/stats", ASK}) {
            HttpResponse<String> preflight = preflight(configuredPort, path, OTHER, "GET");
            assertThat(preflight.statusCode()).as(path).isEqualTo(403);
            assertThat(preflight.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/problem+json");
            assertThat(preflight.body()).as(path).contains("cigraph.web.cors.allowed-origins");
            assertThat(allowedOrigin(preflight)).as(path).isEmpty();
            // Served as to any client, without the header: the browser keeps the answer from the page.
            HttpResponse<String> read = get(configuredPort, path, OTHER);
            assertThat(read.statusCode()).as(path).isEqualTo(200);
            assertThat(allowedOrigin(read)).as(path).isEmpty();
        }
    }

    @Test
    void aPageOfTheAllowedOriginStillCannotSendTheApiKey() {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create("http://localhost:" + configuredPort + "/api/imports"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-api-key"));
        // The browser sends the request only if every header it asked for is allowed.
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .doesNotContain("x-api-key");
    }
}
