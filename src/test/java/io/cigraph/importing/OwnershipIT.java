package io.cigraph.importing;

import io.cigraph.Neo4jServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.graph.GraphStore;
import io.cigraph.model.Projection;
import io.cigraph.model.StoreContent;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.rdfconnection.RDFConnectionRemote;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Statements owned by imports, tried as a new user would on the seed graph: a second file that
 * restates Huawei adds to it, undoing it leaves the graph exactly as before, retracting a source
 * takes only what rests on it alone. Every write is checked in all three stores. A service of its
 * own (its own data folders), since it retracts seed facts that other tests read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OwnershipIT {

    private static final String API_KEY = "test-api-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    private static final String ARTICLE = "huaweis-harmonyos-4-a-unifying-triumph-with-100-million-devices-worldwide";
    private static final String NEW_ALIAS = "Qixian Terminal Works";
    private static final String SEED_ALIAS = "华为";

    @DynamicPropertySource
    static void ownStores(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "cigraph-ownership");
        Neo4jServer.graphSettings(data.resolve("neo4j")).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("cigraph.rdf.dir", () -> data.resolve("tdb2").toString());
        registry.add("cigraph.search.dir", () -> data.resolve("index").toString());
        registry.add("cigraph.security.api-key", () -> API_KEY);
    }

    record Response(int status, JsonNode json, String body) {
    }

    private Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private Response post(String path, String contentType, byte[] body, String apiKey) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), apiKey);
    }

    private Response delete(String path, String apiKey) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), apiKey);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Response send(HttpRequest.Builder request, String apiKey) {
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return send(request);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            return new Response(r.statusCode(), r.body().isBlank() || !type.contains("json") ? null : JSON.readTree(r.body()), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long count(String cypher, Map<String, Object> params) {
        try (var session = driver.session()) {
            return session.run(cypher, params).single().get(0).asLong();
        }
    }

    /** Every node and relationship but the ledger's, with all their labels and properties, in a stable order. */
    private List<String> snapshotWithoutLedger() {
        return io.cigraph.IntegrationTest.snapshotWithoutLedger(driver);
    }

    @Autowired
    List<Projection> projections;

    @Autowired
    GraphStore graph;

    /** What the three stores say, side by side: entity fields, relation counts per type, search hits for names. */
    record Stores(Map<String, Object> neo4j, Map<String, Object> tdb2, Map<String, Object> lucene, List<StoreContent> contents) {
    }

    private Stores stores(String id, List<String> names) {
        Map<String, Object> neo4j = new TreeMap<>();
        Response entity = get("/api/entities/" + id);
        if (entity.status() == 200) {
            JsonNode e = entity.json();
            neo4j.put("label", e.get("label").asString());
            List<String> aliases = new ArrayList<>();
            e.get("aliases").forEach(a -> aliases.add(a.get("text").asString()));
            neo4j.put("aliases", new TreeSet<>(aliases));
            neo4j.put("description", e.get("description").isNull() ? null : e.get("description").asString());
        }
        neo4j.put("relations", relationCountsByCypher());
        Map<String, Object> tdb2 = new TreeMap<>();
        try (RDFConnection conn = RDFConnectionRemote.service("http://localhost:" + port + "/sparql").parseCheckSPARQL(false).build()) {
            List<String> labels = new ArrayList<>();
            List<String> aliases = new ArrayList<>();
            List<String> descriptions = new ArrayList<>();
            conn.querySelect("SELECT ?l WHERE { GRAPH <https://w3id.org/cigraph/graph/data> { res:%s rdfs:label ?l } }".formatted(id),
                    s -> labels.add(s.getLiteral("l").getString()));
            conn.querySelect("SELECT ?l WHERE { GRAPH <https://w3id.org/cigraph/graph/data> { res:%s skos:altLabel ?l } }".formatted(id),
                    s -> aliases.add(s.getLiteral("l").getString()));
            conn.querySelect("SELECT ?d WHERE { GRAPH <https://w3id.org/cigraph/graph/data> { res:%s dcterms:description ?d } }".formatted(id),
                    s -> descriptions.add(s.getLiteral("d").getString()));
            if (!labels.isEmpty()) {
                tdb2.put("label", labels.getFirst());
                tdb2.put("aliases", new TreeSet<>(aliases));
                tdb2.put("description", descriptions.isEmpty() ? null : descriptions.getFirst());
            }
            Map<String, Long> relations = new TreeMap<>();
            conn.querySelect("""
                    SELECT ?p (COUNT(*) AS ?n) WHERE {
                      GRAPH <https://w3id.org/cigraph/graph/data> { ?s ?p ?o }
                      FILTER(STRSTARTS(STR(?s), STR(res:)) && isIRI(?o) && STRSTARTS(STR(?o), STR(res:)))
                    } GROUP BY ?p""", s -> relations.put(s.getResource("p").getLocalName(), s.getLiteral("n").getLong()));
            tdb2.put("relations", relations);
        }
        Map<String, Object> lucene = new TreeMap<>();
        for (String name : names) {
            List<String> hits = new ArrayList<>();
            get("/api/search?q=" + URLEncoder.encode("\"" + name + "\"", StandardCharsets.UTF_8)).json().get("hits")
                    .forEach(h -> hits.add(h.get("id").asString()));
            lucene.put(name, hits.contains(id));
        }
        return new Stores(neo4j, tdb2, lucene, projections.stream().map(Projection::content).toList());
    }

    private static final String CLAIMS = "https://w3id.org/cigraph/graph/claims/";

    /** A SELECT's rows, each its variables' values joined by spaces. */
    private List<String> select(String query, String... vars) {
        List<String> rows = new ArrayList<>();
        try (RDFConnection conn = RDFConnectionRemote.service("http://localhost:" + port + "/sparql").parseCheckSPARQL(false).build()) {
            conn.querySelect(query, s -> rows.add(java.util.Arrays.stream(vars).map(v -> {
                var node = s.get(v);
                return node.isLiteral() ? node.asLiteral().getLexicalForm() : node.toString();
            }).collect(java.util.stream.Collectors.joining(" "))));
        }
        return rows;
    }

    private Map<String, Long> relationCountsByCypher() {
        Map<String, Long> counts = new TreeMap<>();
        try (var session = driver.session()) {
            session.run("MATCH (:Resource)-[r]->(:Resource) RETURN type(r) AS t, count(*) AS n")
                    .forEachRemaining(r -> counts.put(r.get("t").asString(), r.get("n").asLong()));
        }
        return counts;
    }

    /** The three stores hold the same batches and counts. */
    private void assertAgree(Stores s) {
        StoreContent truth = s.contents().getFirst();
        s.contents().forEach(c -> assertThat(c.differenceFrom(truth)).as(c.store()).isEmpty());
        long neo4jRelations = ((Map<?, ?>) s.neo4j().get("relations")).values().stream().mapToLong(v -> (Long) v).sum();
        long tdb2Relations = ((Map<?, ?>) s.tdb2().get("relations")).values().stream().mapToLong(v -> (Long) v).sum();
        assertThat(tdb2Relations).isEqualTo(neo4jRelations);
        if (s.neo4j().containsKey("label")) {
            assertThat(s.tdb2().get("label")).isEqualTo(s.neo4j().get("label"));
            assertThat(s.tdb2().get("aliases")).isEqualTo(s.neo4j().get("aliases"));
            assertThat(s.tdb2().get("description")).isEqualTo(s.neo4j().get("description"));
        }
    }

    private String export() {
        Response r = get("/api/export?format=ntriples");
        assertThat(r.status()).isEqualTo(200);
        // Blank node labels differ between exports; the statements do not.
        return new TreeSet<>(List.of(r.body().replaceAll("_:\\S+", "_:b").split("\n"))).toString();
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/importing", name));
    }

    @Test
    @Order(0)
    void theBulkLoadedSeedListsTheSourcesItRestsOn() {
        // The seed goes in with the bulk load (the stores are empty at the first start): its ledger
        // entry still names its two articles, as a transactional import's does, so that every
        // alternative value of the seed says which source gave it.
        Response ledger = get("/api/imports");
        JsonNode seed = null;
        for (JsonNode entry : ledger.json()) {
            if ("huawei-ecosystem.ttl".equals(entry.path("file").asString())) {
                seed = entry;
            }
        }
        assertThat(seed).as(ledger.body()).isNotNull();
        List<String> sources = new java.util.ArrayList<>();
        seed.path("sources").forEach(s -> sources.add(s.asString()));
        assertThat(sources).contains(ARTICLE, "huawei-has-established-differentiation-barriers-within-its-ecosystem");
    }

    @Test
    @Order(1)
    void aSecondFileThatRestatesHuaweiAddsToItAndUndoingItRestoresTheGraphExactly() throws IOException {
        List<String> names = List.of(SEED_ALIAS, "Huawei Technologies", NEW_ALIAS);
        Stores before = stores("huawei", names);
        assertAgree(before);
        String exportBefore = export();
        List<String> snapshotBefore = snapshotWithoutLedger();
        assertThat(before.lucene()).containsEntry(SEED_ALIAS, true).containsEntry(NEW_ALIAS, false);

        Response dry = post("/api/imports?name=device-list.ttl&dryRun=true", "text/turtle", fixture("huawei-restated.ttl"), API_KEY);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("status").asString()).isEqualTo("dry-run");
        assertThat(dry.body()).contains("\"field\":\"aliases\"").contains(NEW_ALIAS);
        assertThat(snapshotWithoutLedger()).isEqualTo(snapshotBefore);
        assertThat(stores("huawei", names)).isEqualTo(before);

        Response imported = post("/api/imports?name=device-list.ttl", "text/turtle", fixture("huawei-restated.ttl"), API_KEY);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String batch = imported.json().get("batch").asString();
        Stores after = stores("huawei", names);
        assertAgree(after);
        assertThat(after.neo4j().get("description")).isEqualTo(before.neo4j().get("description")).isNotNull();
        @SuppressWarnings("unchecked")
        TreeSet<String> aliasesBefore = (TreeSet<String>) before.neo4j().get("aliases");
        @SuppressWarnings("unchecked")
        TreeSet<String> aliasesAfter = (TreeSet<String>) after.neo4j().get("aliases");
        assertThat(aliasesAfter).containsAll(aliasesBefore).contains(NEW_ALIAS);
        assertThat(after.neo4j().get("relations")).isEqualTo(before.neo4j().get("relations"));
        assertThat(after.lucene()).containsEntry(SEED_ALIAS, true).containsEntry("Huawei Technologies", true).containsEntry(NEW_ALIAS, true);
        JsonNode huawei = get("/api/entities/huawei").json();
        assertThat(huawei.get("batches")).hasSize(2);
        // SPARQL: the data graph holds the effective record; each import's claims graph what it said.
        String seedBatch = huawei.get("batches").get(0).asString().equals(batch) ? huawei.get("batches").get(1).asString()
                : huawei.get("batches").get(0).asString();
        List<String> claimed = select("""
                SELECT ?g ?l WHERE { GRAPH ?g { res:huawei skos:altLabel ?l } FILTER(STRSTARTS(STR(?g), STR(<%s>))) }"""
                .formatted(CLAIMS), "g", "l");
        assertThat(claimed).contains(CLAIMS + batch + " " + NEW_ALIAS, CLAIMS + seedBatch + " " + SEED_ALIAS)
                .doesNotContain(CLAIMS + batch + " " + SEED_ALIAS);
        assertThat(select("SELECT ?g WHERE { GRAPH ?g { res:huawei dcterms:description ?d } }", "g"))
                .containsExactlyInAnyOrder("https://w3id.org/cigraph/graph/data", CLAIMS + seedBatch);
        assertThat(select("SELECT ?l WHERE { res:huawei rdfs:label ?l }", "l")).containsExactly("Huawei");
        JsonNode history = get("/api/entities/huawei/history").json();
        assertThat(history.toString()).contains(batch).contains(NEW_ALIAS);

        Response again = post("/api/imports?name=device-list.ttl", "text/turtle", fixture("huawei-restated.ttl"), API_KEY);
        assertThat(again.json().get("status").asString()).isEqualTo("unchanged");

        Response dryUndo = delete("/api/imports/" + batch + "?dryRun=true", API_KEY);
        assertThat(dryUndo.status()).as(dryUndo.body()).isEqualTo(200);
        assertThat(dryUndo.json().get("status").asString()).isEqualTo("dry-run");
        assertThat(stores("huawei", names)).isEqualTo(after);

        assertThat(delete("/api/imports/" + batch, null).status()).isEqualTo(401);
        Response undone = delete("/api/imports/" + batch, API_KEY);
        assertThat(undone.status()).as(undone.body()).isEqualTo(200);
        Stores restored = stores("huawei", names);
        assertAgree(restored);
        assertThat(restored.neo4j()).isEqualTo(before.neo4j());
        assertThat(restored.tdb2()).isEqualTo(before.tdb2());
        assertThat(restored.lucene()).isEqualTo(before.lucene());
        assertThat(export()).isEqualTo(exportBefore);
        assertThat(snapshotWithoutLedger()).isEqualTo(snapshotBefore);
        assertThat(select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), STR(<%s>))) }"
                .formatted(CLAIMS), "g")).as("no claims graph once one import alone states each record").isEmpty();

        JsonNode ledger = get("/api/imports").json();
        assertThat(ledger.toString()).contains("\"batch\":\"" + batch + "\"").contains("\"status\":\"undone\"");
        assertThat(get("/api/imports/" + batch).json().get("entry").get("status").asString()).isEqualTo("undone");
        // The stats list the live imports only: the undone one, and its retraction, are the ledger's.
        assertThat(get("/api/stats").json().get("batches").toString()).doesNotContain(batch).contains("huawei-ecosystem.ttl");
    }

    @Test
    @Order(2)
    void retractingTheHarmonyOs4ArticleTakesOnlyWhatRestsOnItAlone() {
        List<String> names = List.of("HarmonyOS 4");
        Stores before = stores("harmonyos-4", names);
        long citing = count("MATCH ()-[r]->() WHERE r.source = $s RETURN count(r)", Map.of("s", ARTICLE));
        long reporting = count("MATCH (o:Observation)-[:SOURCE]->(:Resource {id: $s}) RETURN count(o)", Map.of("s", ARTICLE));
        long observationLinks = count("MATCH (o:Observation)-[:SOURCE]->(:Resource {id: $s}) MATCH (o)-[r]-() RETURN count(r)",
                Map.of("s", ARTICLE));
        long resources = count("MATCH (n:Resource) RETURN count(n)", Map.of());
        long relations = count("MATCH ()-[r]->() RETURN count(r)", Map.of());
        assertThat(citing).isPositive();
        List<String> snapshotBefore = snapshotWithoutLedger();

        Response dry = delete("/api/sources/" + ARTICLE + "?dryRun=true", API_KEY);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(snapshotWithoutLedger()).isEqualTo(snapshotBefore);

        Response retracted = delete("/api/sources/" + ARTICLE, API_KEY);
        assertThat(retracted.status()).as(retracted.body()).isEqualTo(200);
        Stores after = stores("harmonyos-4", names);
        assertAgree(after);
        assertThat(count("MATCH ()-[r]->() WHERE r.source = $s RETURN count(r)", Map.of("s", ARTICLE))).isZero();
        assertThat(count("MATCH (n:Resource {id: $s}) RETURN count(n)", Map.of("s", ARTICLE))).isZero();
        // The relations citing it and its observations' links go; an observation's link to the article is one of both.
        assertThat(count("MATCH ()-[r]->() RETURN count(r)", Map.of())).isEqualTo(relations - citing - observationLinks);
        assertThat(count("MATCH (n:Resource) RETURN count(n)", Map.of())).isEqualTo(resources - 1 - reporting);
        // HarmonyOS 4 itself is stated by the seed, not by the article: it stays, with its names searchable.
        assertThat(after.neo4j().get("label")).isEqualTo("HarmonyOS 4");
        assertThat(after.lucene()).isEqualTo(before.lucene()).containsEntry("HarmonyOS 4", true);
        assertThat(get("/api/search?q=" + URLEncoder.encode("\"" + "100 Million Devices" + "\"", StandardCharsets.UTF_8)).body())
                .doesNotContain("\"id\":\"" + ARTICLE + "\"");
        assertThat(get("/api/imports").body()).contains("\"kind\":\"retract-source\"").contains(ARTICLE);
    }

    @Test
    @Order(3)
    void aFileImportedAgainUnderItsNameIsANewVersionThatRetractsWhatItNoLongerSays() throws IOException {
        List<String> names = List.of("Vantor Watch Two");
        Response v1 = post("/api/imports?name=watch-list.ttl", "text/turtle", fixture("watch-list-v1.ttl"), API_KEY);
        assertThat(v1.status()).as(v1.body()).isEqualTo(201);
        String first = v1.json().get("batch").asString();
        Stores withBoth = stores("vantor-watch-two", names);
        assertAgree(withBoth);
        assertThat(withBoth.lucene()).containsEntry("Vantor Watch Two", true);
        long relations = count("MATCH ()-[r]->() RETURN count(r)", Map.of());

        Response dry = post("/api/imports?name=watch-list.ttl&dryRun=true", "text/turtle", fixture("watch-list-v2.ttl"), API_KEY);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.body()).contains("\"replaced\":[\"" + first + "\"]").contains("\"action\":\"retracted\",\"resource\":\"vantor-watch-two\"")
                .contains("First watch of the list, revised.");
        assertThat(stores("vantor-watch-two", names)).isEqualTo(withBoth);

        Response v2 = post("/api/imports?name=watch-list.ttl", "text/turtle", fixture("watch-list-v2.ttl"), API_KEY);
        assertThat(v2.status()).as(v2.body()).isEqualTo(201);
        String second = v2.json().get("batch").asString();
        Stores after = stores("vantor-watch-two", names);
        assertAgree(after);
        assertThat(get("/api/entities/vantor-watch-two").status()).isEqualTo(404);
        assertThat(after.tdb2()).doesNotContainKey("label");
        assertThat(after.lucene()).containsEntry("Vantor Watch Two", false);
        assertThat(count("MATCH ()-[r]->() RETURN count(r)", Map.of())).isEqualTo(relations - 1);
        assertThat(get("/api/entities/vantor-watch-one").json().get("description").asString()).isEqualTo("First watch of the list, revised.");
        JsonNode old = get("/api/imports/" + first).json().get("entry");
        assertThat(old.get("status").asString()).isEqualTo("replaced");
        assertThat(old.get("replacedBy").asString()).isEqualTo(second);
        assertThat(get("/api/imports/" + second).json().get("entry").get("changes").toString()).contains("vantor-watch-two");

        Response same = post("/api/imports?name=watch-list.ttl", "text/turtle", fixture("watch-list-v2.ttl"), API_KEY);
        assertThat(same.json().get("status").asString()).isEqualTo("unchanged");
    }

    @Autowired
    io.cigraph.graph.ImportLedger ledger;

    @Autowired
    ProjectionSync sync;

    @Test
    @Order(4)
    void aRetractionTheOtherStoresMissedIsCaughtUpByTheLedgerComparison() {
        // The graph commits the retraction and its ledger entry; the process stops before the other stores follow.
        ledger.retractSource("watch-list-memo", false);
        List<StoreContent> missed = projections.stream().map(Projection::content).toList();
        assertThat(ProjectionSync.differences(missed)).isNotEmpty();
        assertThat(get("/api/search?q=" + URLEncoder.encode("\"Watch list memo\"", StandardCharsets.UTF_8)).body())
                .contains("watch-list-memo");

        sync.catchUpLedgers();

        // The memo and the relation citing it are gone everywhere; Watch One, which the list itself states, stays.
        Stores memo = stores("watch-list-memo", List.of("Watch list memo"));
        assertAgree(memo);
        assertThat(memo.lucene()).containsEntry("Watch list memo", false);
        assertThat(memo.tdb2()).doesNotContainKey("label");
        Stores watch = stores("vantor-watch-one", List.of("Vantor Watch One"));
        assertAgree(watch);
        assertThat(watch.lucene()).containsEntry("Vantor Watch One", true);
        assertThat(count("MATCH (:Resource {id: 'huawei'})-[r:DEVELOPS]->(:Resource {id: 'vantor-watch-one'}) RETURN count(r)",
                Map.of())).isZero();
    }
}
