package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.CiGraphApplication;
import io.cigraph.Neo4jServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two service replicas, each with its own RDF store and search index, on one Neo4j server in a
 * JVM of its own with authentication on, as behind a load balancer: what one imports or undoes the
 * other serves within seconds; an import killed mid-way is seen by the other whole or not at all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class ReplicasIT {

    private static final String KEY = "replicas-api-key";
    private static final Duration VISIBLE = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path root;
    static Neo4jServer server;
    static Replica a;
    static Replica b;
    static final List<Long> DELAYS = new ArrayList<>();

    /** One service instance: its context, port and data folder. */
    record Replica(String name, ConfigurableApplicationContext app, int port, Path dir) {

        JsonNode get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET().build(), 200);
        }

        JsonNode post(String path, String contentType, String body, int status) {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).header("X-API-Key", KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), status);
        }

        JsonNode delete(String path) {
            return send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", KEY).DELETE().build(), 200);
        }

        /** Ids of the search hits for {@code q} that are the vendors named with it (search also finds near matches). */
        List<String> search(String q) {
            String slug = q.toLowerCase().replace(' ', '-');
            List<String> ids = new ArrayList<>();
            get("/api/search?limit=50&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).get("hits")
                    .forEach(h -> ids.add(h.get("id").asString()));
            return ids.stream().filter(id -> id.startsWith(slug)).toList();
        }

        /** The values of the one variable a SELECT query binds, in order. */
        List<String> select(String query) {
            JsonNode r = send(HttpRequest.newBuilder(uri("/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .header("Accept", "application/sparql-results+json").GET().build(), 200);
            String var = r.get("head").get("vars").get(0).asString();
            List<String> values = new ArrayList<>();
            r.get("results").get("bindings").forEach(x -> values.add(x.get(var).get("value").asString()));
            return values;
        }

        /** Labels of the vendors SPARQL finds with this label prefix, sorted. */
        List<String> sparqlVendors(String prefix) {
            String query = """
                    PREFIX kg: <https://w3id.org/cigraph/ontology#>
                    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                    SELECT ?l WHERE { ?v a kg:Vendor ; rdfs:label ?l FILTER(STRSTARTS(?l, "%s")) } ORDER BY ?l""".formatted(prefix);
            JsonNode r = send(HttpRequest.newBuilder(uri("/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .header("Accept", "application/sparql-results+json").GET().build(), 200);
            List<String> labels = new ArrayList<>();
            r.get("results").get("bindings").forEach(x -> labels.add(x.get("l").get("value").asString()));
            return labels;
        }

        long cypherCount(String query) {
            JsonNode r = post("/api/cypher", "application/json", JSON.writeValueAsString(Map.of("query", query)), 200);
            return r.get("rows").get(0).get(0).asLong();
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        private static JsonNode send(HttpRequest request, int status) {
            try {
                HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(request.method() + " " + request.uri() + ": " + r.body()).isEqualTo(status);
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static ChildService.Run firstLoad;

    /**
     * Two instances find the server empty at once: the command line's import of the bundled file
     * in a JVM of its own, and replica a, which loads the same file at start. One bulk-loads; the
     * other waits for its mark to go and finds the batch there. Then b starts on the loaded graph.
     */
    @BeforeAll
    static void start() throws InterruptedException {
        server = Neo4jServer.start(root.resolve("neo4j"));
        List<String> args = new ArrayList<>(List.of("import", "import/huawei-ecosystem.ttl", "--server.port=0",
                "--logging.level.io.cigraph.graph.GraphStore=info"));
        server.settings().forEach((k, v) -> args.add("--" + k + "=" + v));
        firstLoad = new ChildService(root.resolve("first-load")).start("first-load", args.toArray(String[]::new));
        a = replica("a");
        assertThat(firstLoad.exit(Duration.ofMinutes(3))).as(firstLoad.text()).isZero();
        b = replica("b");
    }

    static Replica replica(String name) {
        Path dir = root.resolve(name);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CiGraphApplication.class).run(Stream.concat(
                server.settings().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()), Stream.of(
                        "--server.port=0",
                        "--cigraph.rdf.dir=" + dir.resolve("tdb2"),
                        "--cigraph.search.dir=" + dir.resolve("index"),
                        "--cigraph.security.api-key=" + KEY,
                        "--cigraph.import.follow-interval=200ms")).toArray(String[]::new));
        return new Replica(name, app, Integer.parseInt(app.getEnvironment().getProperty("local.server.port")), dir);
    }

    @AfterAll
    static void stop() {
        System.out.printf("Import on one replica to visible on the other (search and SPARQL), ms: %s%n", DELAYS);
        for (Replica r : new Replica[] {a, b}) {
            if (r != null) {
                r.app().close();
                TDBInternal.expel(DatabaseMgr.connectDatasetGraph(r.dir().resolve("tdb2").toString()), true);
            }
        }
        if (server != null) {
            server.stop();
        }
    }

    /** Vendors with labels {@code "<prefix> 1"} to {@code "<prefix> n"}, each developing the seed's NearLink. */
    static String vendors(String prefix, int n) {
        StringBuilder t = new StringBuilder("""
                @prefix kg:   <https://w3id.org/cigraph/ontology#> .
                @prefix res:  <https://w3id.org/cigraph/id/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                """);
        String id = prefix.toLowerCase().replace(' ', '-');
        for (int i = 1; i <= n; i++) {
            t.append("""
                    res:%s-%d a kg:Vendor ; rdfs:label "%s %d" ;
                        kg:develops res:nearlink {| kg:source res:huawei-has-established-differentiation-barriers-within-its-ecosystem ;
                                                    kg:evidence "a test statement" |} .
                    """.formatted(id, i, prefix, i));
        }
        return t.toString();
    }

    /** Polls until {@code check} holds, and answers how long that took; fails past {@link #VISIBLE}. */
    static <T> long await(String what, java.util.function.Supplier<T> read, Predicate<T> check) throws InterruptedException {
        long start = System.nanoTime();
        T last = null;
        while (System.nanoTime() - start < VISIBLE.toNanos()) {
            last = read.get();
            if (check.test(last)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(what + " not within " + VISIBLE + "; last: " + last);
    }

    @Test
    @Order(1)
    void bothReplicasServeTheSeedTheFirstLoadedAndTheSecondCaughtUpAtStart() {
        for (Replica r : List.of(a, b)) {
            assertThat(r.search("Huawei")).as(r.name()).contains("huawei");
            assertThat(r.sparqlVendors("Huawei")).as(r.name()).containsExactly("Huawei");
        }
        // One of the two first instances loaded the seed into the empty server with the driver's bulk
        // load (its ledger entry is the one kind that records no touched ids), once; no mark is left.
        assertThat(a.cypherCount("MATCH (b:ImportBatch) RETURN count(b)")).isOne();
        assertThat(a.cypherCount("MATCH (b:ImportBatch {file: 'huawei-ecosystem.ttl'}) WHERE b.touched IS NULL RETURN count(b)")).isOne();
        assertThat(a.cypherCount("MATCH (m:BulkLoad) RETURN count(m)")).isZero();
        assertThat(a.cypherCount("MATCH (n:Resource) RETURN count(n)")).isEqualTo(46);
        System.out.println("The command line's import beside replica a's start: "
                + (firstLoad.text().contains("bulk loading") ? "it bulk-loaded" : "replica a bulk-loaded; it found the batch there"));
        JsonNode health = b.get("/actuator/health").get("components").get("stores");
        assertThat(health.get("status").asString()).as(health.toString()).isEqualTo("UP");
        assertThat(health.get("details").get("following").get("tdb2").get("behind").asInt()).as(health.toString()).isZero();
    }

    @Test
    @Order(2)
    void anImportThroughOneReplicaIsSearchableAndQueryableOnTheOther() throws InterruptedException {
        for (int round = 1; round <= 5; round++) {
            Replica from = round % 2 == 1 ? a : b;
            Replica to = from == a ? b : a;
            String prefix = "Replica Vendor R" + round;
            JsonNode imported = from.post("/api/imports?name=replica-" + round + ".ttl", "text/turtle", vendors(prefix, 3), 201);
            assertThat(imported.get("status").asString()).isEqualTo("imported");
            // From the import's answer (committed everywhere on its own replica) to both views on the other.
            long start = System.nanoTime();
            await(prefix + " searchable on " + to, () -> to.search(prefix), ids -> ids.size() == 3);
            await(prefix + " in SPARQL on " + to, () -> to.sparqlVendors(prefix), l -> l.size() == 3);
            DELAYS.add((System.nanoTime() - start) / 1_000_000);
            assertThat(to.sparqlVendors(prefix)).containsExactly(prefix + " 1", prefix + " 2", prefix + " 3");
            assertThat(to.cypherCount("MATCH (v:Vendor) WHERE v.label STARTS WITH '" + prefix + "' RETURN count(v)")).isEqualTo(3);
        }
        assertStoresAgree();
    }

    @Test
    @Order(3)
    void anUndoThroughTheOtherReplicaIsForgottenByTheFirst() throws InterruptedException {
        String prefix = "Undone Vendor";
        String batch = a.post("/api/imports?name=undone.ttl", "text/turtle", vendors(prefix, 2), 201).get("batch").asString();
        await(prefix + " on b", () -> b.search(prefix), ids -> ids.size() == 2);
        b.delete("/api/imports/" + batch);
        await(prefix + " forgotten by a's search", () -> a.search(prefix), List::isEmpty);
        await(prefix + " forgotten by a's SPARQL", () -> a.sparqlVendors(prefix), List::isEmpty);
        assertThat(b.search(prefix)).isEmpty();
        assertStoresAgree();
    }

    @Test
    @Order(4)
    void aNewVersionAndASourceRetractionThroughOneReplicaReachTheOtherRecordByRecord(CapturedOutput output)
            throws InterruptedException {
        String prefix = "Versioned Vendor";
        a.post("/api/imports?name=versioned.ttl", "text/turtle", vendors(prefix, 3), 201);
        await(prefix + " on b", () -> b.sparqlVendors(prefix), l -> l.size() == 3);
        // The new version through b: the third vendor is no longer stated, the first renamed.
        String next = vendors(prefix, 2).replace("\"" + prefix + " 1\"", "\"" + prefix + " 1 (renamed)\"");
        JsonNode version = b.post("/api/imports?name=versioned.ttl", "text/turtle", next, 201);
        assertThat(version.get("replaced")).hasSize(1);
        await("the new version on a", () -> a.sparqlVendors(prefix), l -> l.equals(List.of(prefix + " 1 (renamed)", prefix + " 2")));
        await("the third vendor gone from a's search", () -> a.search(prefix), ids -> !ids.contains("versioned-vendor-3"));

        // A source of its own, cited by two vendors' relations; retracted through a, b follows.
        String sourced = """
                @prefix kg:   <https://w3id.org/cigraph/ontology#> .
                @prefix res:  <https://w3id.org/cigraph/id/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                @prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
                res:replica-report a kg:Article ; rdfs:label "Replica report" ; kg:title "Replica report" ;
                    kg:publishedOn "2026-01-15"^^xsd:date .
                res:sourced-vendor-1 a kg:Vendor ; rdfs:label "Sourced Vendor 1" ;
                    kg:develops res:nearlink {| kg:source res:replica-report ; kg:evidence "the report says so" |} .
                res:sourced-vendor-2 a kg:Vendor ; rdfs:label "Sourced Vendor 2" ;
                    kg:develops res:nearlink {| kg:source res:replica-report ; kg:evidence "the report says so too" |} .
                """;
        b.post("/api/imports?name=sourced.ttl", "text/turtle", sourced, 201);
        String developers = """
                PREFIX kg: <https://w3id.org/cigraph/ontology#>
                SELECT ?v WHERE { ?v kg:develops <https://w3id.org/cigraph/id/nearlink>
                                  FILTER(STRSTARTS(STR(?v), "https://w3id.org/cigraph/id/sourced-vendor")) }""";
        await("the sourced relations on a", () -> a.select(developers), l -> l.size() == 2);
        a.delete("/api/sources/replica-report");
        await("the retracted relations gone from b's SPARQL", () -> b.select(developers), List::isEmpty);
        await("the retracted source gone from b's search", () -> b.search("Replica report"), List::isEmpty);
        assertThat(b.sparqlVendors("Sourced Vendor")).containsExactly("Sourced Vendor 1", "Sourced Vendor 2");
        assertStoresAgree();
        // Followed record by record, not by rebuilding the stores.
        assertThat(output.getAll()).contains("Store tdb2 followed retraction-", "Store lucene followed retraction-")
                .doesNotContain("rebuilding it");
    }

    @Test
    @Order(5)
    void twoReplicasImportingAtOnceBothLandAndBothFollowTheOther() throws InterruptedException {
        CompletableFuture<JsonNode> onA = CompletableFuture.supplyAsync(() ->
                a.post("/api/imports?name=together-a.ttl", "text/turtle", vendors("Together A", 20), 201));
        CompletableFuture<JsonNode> onB = CompletableFuture.supplyAsync(() ->
                b.post("/api/imports?name=together-b.ttl", "text/turtle", vendors("Together B", 20), 201));
        assertThat(onA.join().get("status").asString()).isEqualTo("imported");
        assertThat(onB.join().get("status").asString()).isEqualTo("imported");
        for (Replica r : List.of(a, b)) {
            await("both batches on " + r, () -> r.sparqlVendors("Together "), l -> l.size() == 40);
            await("both batches searchable on " + r, () -> r.search("Together"), ids -> ids.size() == 40);
        }
        assertStoresAgree();
    }

    @Test
    @Order(6)
    void anImportKilledMidWayIsSeenByTheOtherReplicaWholeOrNotAtAll() throws Exception {
        int n = 200;
        Path file = root.resolve("killed.ttl");
        Files.writeString(file, vendors("Killed Vendor", n));
        // Killed while its batch is being written to the graph, one row a statement: nothing of it anywhere.
        List<Integer> seen = killedImport("staging", "staging in every store", n, "--cigraph.import.batch-size=1");
        assertThat(seen).as("what b's SPARQL saw, query by query").containsOnly(0);
        assertThat(b.search("Killed Vendor")).isEmpty();
        assertThat(b.cypherCount("MATCH (v:Vendor) WHERE v.label STARTS WITH 'Killed Vendor' RETURN count(v)")).isZero();

        // Killed once the graph has committed, before its own other stores: the other replica follows all of it.
        seen = killedImport("committed", "committed to the graph; committing the other stores", n);
        assertThat(seen).as("what b's SPARQL saw, query by query").allMatch(x -> x == 0 || x == n).contains(n);
        await("the killed import's vendors searchable on b", () -> b.search("Killed Vendor"), ids -> ids.size() == 50);
        assertThat(b.cypherCount("MATCH (v:Vendor) WHERE v.label STARTS WITH 'Killed Vendor' RETURN count(v)")).isEqualTo(n);
        assertStoresAgree();
    }

    /**
     * Runs the command-line import of {@code killed.ttl} against the server in a JVM of its own, kills
     * it (SIGKILL) at the log line {@code at}, and answers how many of its vendors b's SPARQL found at
     * each query it answered meanwhile and for two seconds after (until it found all {@code n}).
     */
    private static List<Integer> killedImport(String name, String at, int n, String... settings) throws Exception {
        List<String> args = new ArrayList<>(List.of("import", root.resolve("killed.ttl").toString(), "--server.port=0"));
        server.settings().forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of(settings));
        ChildService.Run run = new ChildService(root.resolve("child-" + name)).start(name, args.toArray(String[]::new));
        List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicLong killedAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        CompletableFuture<Void> watch = CompletableFuture.runAsync(() -> {
            while (System.nanoTime() - killedAt.get() < 2_000_000_000L && (seen.isEmpty() || seen.getLast() < n)) {
                seen.add(b.sparqlVendors("Killed Vendor").size());
            }
        });
        try {
            assertThat(run.awaitLine(at, Duration.ofMinutes(2))).as(run.text()).isTrue();
        } finally {
            run.kill();
            killedAt.set(System.nanoTime());
        }
        watch.get(VISIBLE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        System.out.printf("Import killed at '%s': b's SPARQL saw %d queries, distinct counts %s%n", at, seen.size(),
                new java.util.TreeSet<>(seen));
        return seen;
    }

    /** Both replicas' stores agree with the graph: its ledger and counts. */
    private static void assertStoresAgree() throws InterruptedException {
        for (Replica r : List.of(a, b)) {
            await("stores of " + r + " agreeing", () -> r.get("/actuator/health").get("components").get("stores"),
                    h -> "UP".equals(h.get("status").asString()) && h.get("details").has("tdb2") && !h.get("details").has("behind")
                            && h.get("details").get("tdb2").get("resources").equals(h.get("details").get("neo4j").get("resources"))
                            && h.get("details").get("lucene").get("relations").equals(h.get("details").get("neo4j").get("relations")));
        }
    }
}
