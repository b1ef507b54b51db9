package io.cigraph.bench;

import io.cigraph.CiGraphApplication;
import io.cigraph.Neo4jServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catch-up delay between replicas: one Neo4j server in a JVM of its own (authentication on,
 * reached over {@code neo4j://}) and two service instances in this JVM, each with its own RDF
 * store and search index. {@code bench.imports} (40) small files are imported through the two in
 * turn; for each, the time from the import's answer until the other replica finds all its entities
 * in search and in SPARQL (polled every 5 ms), then the same for a few undos (which the other
 * replica follows record by record too). Prints p50, p99 and the largest, with
 * the follow interval ({@code bench.follow}, default the service's {@code 1s}).
 *
 * <p>Usage: {@code ./mvnw -q -Pbench-replicas test-compile exec:exec}.
 */
public final class ReplicaCatchUp {

    private static final String KEY = "replica-bench-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Replica(ConfigurableApplicationContext app, int port) {

        JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }

        URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        String importFile(String name, String turtle) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri("/api/imports?name=" + name)).header("Content-Type", "text/turtle")
                    .header("X-API-Key", KEY).POST(HttpRequest.BodyPublishers.ofString(turtle))).get("batch").asString();
        }

        void undo(String batch) throws IOException, InterruptedException {
            send(HttpRequest.newBuilder(uri("/api/imports/" + batch)).header("X-API-Key", KEY).DELETE());
        }

        long searchHits(String slug) throws IOException, InterruptedException {
            JsonNode hits = send(HttpRequest.newBuilder(uri("/api/search?limit=50&q=" + URLEncoder.encode(slug.replace('-', ' '),
                    StandardCharsets.UTF_8)))).get("hits");
            long n = 0;
            for (JsonNode h : hits) {
                n += h.get("id").asString().startsWith(slug) ? 1 : 0;
            }
            return n;
        }

        long sparqlCount(String slug) throws IOException, InterruptedException {
            String query = "SELECT (COUNT(?v) AS ?n) WHERE { ?v a <https://w3id.org/cigraph/ontology#Vendor> "
                    + "FILTER(STRSTARTS(STR(?v), \"https://w3id.org/cigraph/id/" + slug + "\")) }";
            return send(HttpRequest.newBuilder(uri("/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .header("Accept", "application/sparql-results+json")).get("results").get("bindings").get(0)
                    .get("n").get("value").asLong();
        }
    }

    public static void main(String[] args) throws Exception {
        int imports = Integer.getInteger("bench.imports", 40);
        String follow = System.getProperty("bench.follow", "1s");
        Path root = Path.of("target", "bench", "replicas");
        FileSystemUtils.deleteRecursively(root);
        Files.createDirectories(root);
        Neo4jServer server = Neo4jServer.start(root.resolve("neo4j"));
        Replica a = replica(server, root.resolve("a"), follow);
        Replica b = replica(server, root.resolve("b"), follow);
        try {
            List<Long> visible = new ArrayList<>();
            List<String> batches = new ArrayList<>();
            for (int i = 0; i < imports; i++) {
                Replica from = i % 2 == 0 ? a : b;
                Replica to = from == a ? b : a;
                String slug = "catchup-" + i + "-";
                batches.add(from.importFile("catchup-" + i + ".ttl", vendors(slug, 5)));
                long start = System.nanoTime();
                while (to.searchHits(slug) < 5 || to.sparqlCount(slug) < 5) {
                    Thread.sleep(5);
                }
                visible.add((System.nanoTime() - start) / 1_000_000);
            }
            List<Long> undone = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Replica from = i % 2 == 0 ? b : a;
                Replica to = from == a ? b : a;
                String slug = "catchup-" + i + "-";
                from.undo(batches.get(i));
                long start = System.nanoTime();
                while (to.searchHits(slug) > 0 || to.sparqlCount(slug) > 0) {
                    Thread.sleep(5);
                }
                undone.add((System.nanoTime() - start) / 1_000_000);
            }
            System.out.printf(Locale.ROOT, "%nCatch-up between two replicas on one Neo4j server (follow interval %s)%n%n", follow);
            System.out.println("| change on one replica | n | p50 | p99 | max |");
            System.out.println("|---|---|---|---|---|");
            System.out.println(row("import of 5 entities, searchable and in SPARQL on the other", visible));
            System.out.println(row("undo of such an import, gone from both on the other", undone));
        } finally {
            a.app().close();
            b.app().close();
            server.stop();
        }
        System.exit(0);
    }

    private static String row(String what, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return String.format(Locale.ROOT, "| %s | %d | %d ms | %d ms | %d ms |", what, sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)),
                sorted.getLast());
    }

    private static Replica replica(Neo4jServer server, Path dir, String follow) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CiGraphApplication.class).run(Stream.concat(
                server.settings().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()), Stream.of(
                        "--server.port=0", "--cigraph.rdf.dir=" + dir.resolve("tdb2"), "--cigraph.search.dir=" + dir.resolve("index"),
                        "--cigraph.security.api-key=" + KEY, "--cigraph.import.follow-interval=" + follow,
                        "--logging.level.root=WARN")).toArray(String[]::new));
        return new Replica(app, Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    }

    private static String vendors(String slug, int n) {
        StringBuilder t = new StringBuilder("""
                @prefix kg:   <https://w3id.org/cigraph/ontology#> .
                @prefix res:  <https://w3id.org/cigraph/id/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                """);
        for (int i = 1; i <= n; i++) {
            t.append("""
                    res:%s%d a kg:Vendor ; rdfs:label "%s %d" ;
                        kg:develops res:nearlink {| kg:source res:huawei-has-established-differentiation-barriers-within-its-ecosystem ;
                                                    kg:evidence "a benchmark statement" |} .
                    """.formatted(slug, i, slug.replace('-', ' ').trim(), i));
        }
        return t.toString();
    }
}
