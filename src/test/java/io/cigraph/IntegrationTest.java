package io.cigraph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the integration tests: the whole service on a random HTTP port, with the in-process
 * Neo4j on a free Bolt port (or a separate Neo4j server, see {@link Neo4jServer}) and its data in a
 * fresh folder, loaded with the bundled seed data.
 * All subclasses share one application context (and so one database).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    protected static final String API_KEY = "test-api-key";
    private static final Path DATA = createDataDir();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected Driver driver;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // The in-process Neo4j, or a separate server when the build runs the suite against one.
        Neo4jServer.graphSettings(DATA.resolve("neo4j")).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("cigraph.rdf.dir", () -> DATA.resolve("tdb2").toString());
        // Short enough that timeout tests finish soon, long enough for any honest query here.
        registry.add("cigraph.rdf.query-timeout", () -> "5s");
        registry.add("cigraph.search.dir", () -> DATA.resolve("index").toString());
        registry.add("cigraph.security.api-key", () -> API_KEY);
        // Small, so that a test can pass the upload limit without sending hundreds of megabytes.
        registry.add("cigraph.import.max-upload-size", () -> "1MB");
        // The bundled example extension, so that every store and endpoint is tested with an
        // ontology users extended (OntologyTermsIT imports data that uses it).
        registry.add("cigraph.ontology.extensions", () -> "ontology/examples/xr-headsets.ttl");
    }

    /** Under {@code target/}, so that a clean build removes it: each run's stores take about half a gigabyte. */
    private static Path createDataDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "cigraph-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response: status, headers' content type, and the body parsed as JSON (null when empty or not JSON). */
    protected record Response(int status, String contentType, JsonNode json, String body) {
    }

    protected Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    protected Response post(String path, String contentType, byte[] body, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        return send(b.build());
    }

    protected Response delete(String path, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).DELETE();
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        return send(b.build());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String body = r.body();
            String contentType = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = body == null || body.isBlank() || !contentType.contains("json") ? null : JSON.readTree(body);
            return new Response(r.statusCode(), contentType, json, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every node and relationship with all labels and properties, in a stable order. */
    protected List<String> snapshot() {
        try (var session = driver.session()) {
            List<String> nodes = session.run("""
                    MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
                    ORDER BY coalesce(n.id, n.sha256)
                    """).list(r -> r.get("id") + " " + sorted(r.get("labels").asList(Object::toString))
                    + " " + new java.util.TreeMap<>(r.get("props").asMap()));
            List<String> relations = session.run("""
                    MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props
                    ORDER BY a, t, b
                    """).list(r -> r.get("a") + " " + r.get("t") + " " + r.get("b") + " "
                    + new java.util.TreeMap<>(r.get("props").asMap()));
            return java.util.stream.Stream.concat(nodes.stream(), relations.stream()).toList();
        }
    }

    /** Every node and relationship but the ledger's, with all their labels and properties, in a stable order. */
    public static List<String> snapshotWithoutLedger(Driver driver) {
        try (var session = driver.session()) {
            List<String> nodes = session.run("""
                    MATCH (n:Resource) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY n.id
                    """).list(r -> r.get("id") + " " + new java.util.TreeSet<>(r.get("labels").asList(Object::toString))
                    + " " + new java.util.TreeMap<>(r.get("props").asMap()));
            List<String> relations = session.run("""
                    MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props ORDER BY a, t, b
                    """).list(r -> r.get("a") + " " + r.get("t") + " " + r.get("b") + " " + new java.util.TreeMap<>(r.get("props").asMap()));
            return java.util.stream.Stream.concat(nodes.stream(), relations.stream()).toList();
        }
    }

    /** The elements of a JSON array. */
    protected static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    protected long count(String cypher, Map<String, Object> params) {
        try (var session = driver.session()) {
            return session.run(cypher, params).single().get(0).asLong();
        }
    }
}
