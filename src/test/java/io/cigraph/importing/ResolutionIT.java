package io.cigraph.importing;

import io.cigraph.Neo4jServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.CiGraphApplication;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.rdfconnection.RDFConnectionRemote;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Likely duplicates on import, through {@code POST /api/imports} as a user sends it: reported by
 * default, merged with {@code resolve=merge} or {@code owl:sameAs}, and the three stores agreeing
 * on every entity involved after each write. A service of its own, since merges change Huawei,
 * which the shared test graph's searches rely on. The tests run in order: the merge of
 * {@code huawei-technologies-co-ltd} comes before the plain import of the same file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResolutionIT {

    private static final String KEY = "resolution-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path root;

    private static ConfigurableApplicationContext app;
    private static int port;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(CiGraphApplication.class).run(
                java.util.stream.Stream.concat(Neo4jServer.graphArguments(root.resolve("neo4j")).stream(), java.util.stream.Stream.of(
                "--server.port=0", "--cigraph.rdf.dir=" + root.resolve("tdb2"),
                "--cigraph.search.dir=" + root.resolve("index"), "--cigraph.security.api-key=" + KEY)).toArray(String[]::new));
        port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        app.close();
        // TDB2 keeps its folder locked for this JVM until the dataset is expelled from its cache.
        TDBInternal.expel(DatabaseMgr.connectDatasetGraph(root.resolve("tdb2").toString()), true);
    }

    @Test
    @Order(1)
    void withResolveMergeTheLegalNameIsWrittenOntoHuaweiAndNoNewEntityExists() throws Exception {
        Entity before = agreed("huawei");

        JsonNode report = importFile("huawei-technologies.ttl", "&resolve=merge", 201);

        assertThat(report.path("resources").asInt()).as("the article, Huawei and the router").isEqualTo(3);
        JsonNode merged = report.path("duplicates").get(0);
        assertThat(report.path("duplicates")).hasSize(1);
        assertThat(merged.path("id").asString()).isEqualTo("huawei-technologies-co-ltd");
        assertThat(merged.path("duplicateOf").asString()).isEqualTo("huawei");
        assertThat(merged.path("inGraph").asBoolean()).isTrue();
        assertThat(merged.path("merged").asBoolean()).isTrue();
        assertThat(merged.path("reason").asString()).isEqualTo("name");
        // Huawei's label, and its alias "Huawei Technologies" from the seed.
        assertThat(names(merged)).containsExactly("Huawei Technologies Co., Ltd. = Huawei",
                "Huawei Technologies Co., Ltd. = Huawei Technologies");

        assertThat(neo4jIds()).doesNotContain("huawei-technologies-co-ltd").contains("huawei", "mate-test-router");
        Entity after = agreed("huawei");
        assertThat(after.label()).isEqualTo("Huawei");
        assertThat(after.names()).containsAll(before.names())
                .contains("Huawei Technologies Co., Ltd.", "Shenzhen Bantian Works");
        assertThat(after.relations()).containsEntry("DEVELOPS", before.relations().get("DEVELOPS") + 1);
        before.relations().forEach((type, n) -> assertThat(after.relations().get(type)).as(type).isGreaterThanOrEqualTo(n));
        assertThat(firstHit("Shenzhen Bantian Works")).isEqualTo("huawei");
        assertThat(agreed("mate-test-router").relations()).containsEntry("DEVELOPS", 1L);
        storesAgreeOnCounts();
    }

    @Test
    @Order(2)
    void withoutMergeASecondEntityExistsAndTheReportNamesHuaweiWithTheMatchingNames() throws Exception {
        JsonNode report = importFile("huawei-technologies.ttl", "&force=true", 201);

        JsonNode duplicate = report.path("duplicates").get(0);
        assertThat(report.path("duplicates")).hasSize(1);
        assertThat(duplicate.path("id").asString()).isEqualTo("huawei-technologies-co-ltd");
        assertThat(duplicate.path("line").asLong()).isEqualTo(12);
        assertThat(duplicate.path("duplicateOf").asString()).isEqualTo("huawei");
        assertThat(duplicate.path("inGraph").asBoolean()).isTrue();
        assertThat(duplicate.path("merged").asBoolean()).isFalse();
        // Huawei's own names, and the two it took as aliases in the merge before.
        assertThat(names(duplicate)).containsExactlyInAnyOrder("Huawei Technologies Co., Ltd. = Huawei",
                "Huawei Technologies Co., Ltd. = Huawei Technologies",
                "Huawei Technologies Co., Ltd. = Huawei Technologies Co., Ltd.",
                "Shenzhen Bantian Works = Shenzhen Bantian Works");
        assertThat(duplicate.path("names").get(0).path("key").asString()).isEqualTo("huawei");

        assertThat(neo4jIds()).contains("huawei", "huawei-technologies-co-ltd");
        Entity second = agreed("huawei-technologies-co-ltd");
        assertThat(second.label()).isEqualTo("Huawei Technologies Co., Ltd.");
        assertThat(second.relations()).containsEntry("DEVELOPS", 1L);
        storesAgreeOnCounts();
    }

    @Test
    @Order(3)
    void owlSameAsMergesWithoutResolveAndWhateverTheNames() throws Exception {
        Entity before = agreed("huawei");

        JsonNode report = importFile("same-as.ttl", "", 201);

        JsonNode merged = report.path("duplicates").get(0);
        assertThat(report.path("duplicates")).hasSize(1);
        assertThat(merged.path("id").asString()).isEqualTo("shenzhen-handset-maker");
        assertThat(merged.path("duplicateOf").asString()).isEqualTo("huawei");
        assertThat(merged.path("reason").asString()).isEqualTo("owl:sameAs");
        assertThat(merged.path("merged").asBoolean()).isTrue();
        assertThat(neo4jIds()).doesNotContain("shenzhen-handset-maker");
        Entity after = agreed("huawei");
        assertThat(after.names()).containsAll(before.names()).contains("Shenzhen Handset Maker");
        assertThat(after.relations()).containsEntry("DEVELOPS", before.relations().get("DEVELOPS") + 1);
        storesAgreeOnCounts();
    }

    @Test
    @Order(4)
    void twoNewIdsWithOneNameInTheSameFileAreReportedAndBothWritten() throws Exception {
        JsonNode report = importFile("twice-in-one-file.ttl", "", 201);

        JsonNode duplicate = report.path("duplicates").get(0);
        assertThat(report.path("duplicates")).hasSize(1);
        assertThat(duplicate.path("id").asString()).isEqualTo("zeta-devices-gmbh");
        assertThat(duplicate.path("duplicateOf").asString()).isEqualTo("zeta-devices");
        assertThat(duplicate.path("inGraph").asBoolean()).isFalse();
        assertThat(names(duplicate)).containsExactly("ZETA DEVICES GmbH = Zeta Devices");
        assertThat(neo4jIds()).contains("zeta-devices", "zeta-devices-gmbh");
        agreed("zeta-devices");
        agreed("zeta-devices-gmbh");
        storesAgreeOnCounts();
    }

    @Test
    @Order(5)
    void anUnknownResolveIsABadRequestThatSaysWhatToSend() throws Exception {
        HttpResponse<String> r = send("twice-in-one-file.ttl", "&resolve=fuse");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.path("parameter").asString()).isEqualTo("resolve");
        assertThat(p.path("detail").asString()).contains("'report'", "'merge'", "'fuse'");
    }

    @Test
    @Order(6)
    void undoingAnImportThatMergedOntoHuaweiGivesHuaweiBackAsItWasInEveryStore() throws Exception {
        Entity before = agreed("huawei");
        Map<String, Object> propertiesBefore = huaweiProperties();

        JsonNode report = importFile("taken-back.ttl", "", 201);
        assertThat(report.path("duplicates").get(0).path("merged").asBoolean()).isTrue();
        Entity merged = agreed("huawei");
        assertThat(merged.label()).as("Huawei keeps its label").isEqualTo("Huawei");
        assertThat(merged.names()).contains("Bantian Registrant", "Registrant 0755");
        assertThat(merged.relations()).containsEntry("DEVELOPS", before.relations().get("DEVELOPS") + 1);
        assertThat(neo4jIds()).contains("registry-test-hub").doesNotContain("bantian-registrant");

        HttpResponse<String> undo = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports/"
                        + report.path("batch").asString())).header("X-API-Key", KEY).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(undo.statusCode()).as(undo.body()).isEqualTo(200);

        assertThat(agreed("huawei")).isEqualTo(before);
        assertThat(huaweiProperties()).isEqualTo(propertiesBefore);
        assertThat(neo4jIds()).doesNotContain("registry-test-hub", "registry-extract");
        assertThat(hits("Registrant")).doesNotContain("huawei");
        storesAgreeOnCounts();
    }

    /** Huawei's node in Neo4j, every property: its claims as JSON and its batches as a set, whatever their order. */
    private static Map<String, Object> huaweiProperties() {
        try (var session = app.getBean(Driver.class).session()) {
            Map<String, Object> p = new TreeMap<>(session.run("MATCH (n:Resource {id: 'huawei'}) RETURN properties(n) AS p").single()
                    .get("p").asMap());
            p.computeIfPresent("claims", (k, v) -> JSON.readTree((String) v));
            p.computeIfPresent("batches", (k, v) -> new TreeSet<>((List<?>) v).toString());
            return p;
        }
    }

    // ---- the three stores, read each through its own way in ----

    /** An entity as one store has it: label, every name, and relations per type (both directions). */
    record Entity(String label, TreeSet<String> names, Map<String, Long> relations) {
    }

    /** The entity as Neo4j and TDB2 have it, checked equal, and found by search under each of its names. */
    private static Entity agreed(String id) throws Exception {
        Entity neo4j = neo4j(id);
        Entity tdb2 = tdb2(id);
        assertThat(tdb2).as("TDB2 against Neo4j for " + id).isEqualTo(neo4j);
        for (String name : neo4j.names()) {
            assertThat(hits(name)).as("search for '%s'", name).contains(id);
        }
        JsonNode hit = search(neo4j.label()).stream().filter(h -> h.path("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(hit.path("relations").asLong()).as("relations Lucene counts for " + id)
                .isEqualTo(neo4j.relations().values().stream().mapToLong(Long::longValue).sum());
        return neo4j;
    }

    private static Entity neo4j(String id) {
        try (var session = app.getBean(Driver.class).session()) {
            var n = session.run("MATCH (n:Resource {id: $id}) RETURN n.label AS label, coalesce(n.aliases, []) AS aliases",
                    Map.of("id", id)).single();
            TreeSet<String> names = new TreeSet<>(n.get("aliases").asList(v -> v.asString()));
            names.add(n.get("label").asString());
            Map<String, Long> relations = new TreeMap<>();
            session.run("MATCH (n:Resource {id: $id})-[r]-(:Resource) RETURN type(r) AS t, count(r) AS c", Map.of("id", id))
                    .forEachRemaining(r -> relations.put(r.get("t").asString(), r.get("c").asLong()));
            return new Entity(n.get("label").asString(), names, relations);
        }
    }

    private static Entity tdb2(String id) {
        String iri = "<https://w3id.org/cigraph/id/" + id + ">";
        try (RDFConnection conn = RDFConnectionRemote.service("http://localhost:" + port + "/sparql").parseCheckSPARQL(false).build()) {
            List<String> labels = new ArrayList<>();
            TreeSet<String> names = new TreeSet<>();
            conn.querySelect("SELECT ?l WHERE { GRAPH <https://w3id.org/cigraph/graph/data> { " + iri + " rdfs:label ?l } }",
                    s -> labels.add(s.getLiteral("l").getLexicalForm()));
            conn.querySelect("SELECT ?a WHERE { GRAPH <https://w3id.org/cigraph/graph/data> { " + iri + " skos:altLabel ?a } }",
                    s -> names.add(s.getLiteral("a").getLexicalForm()));
            names.addAll(labels);
            Map<String, Long> relations = new TreeMap<>();
            conn.querySelect("""
                    SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/cigraph/graph/data> {
                      { %1$s ?p ?o } UNION { ?o ?p %1$s }
                      FILTER(isIRI(?o) && STRSTARTS(STR(?o), STR(res:)) && STRSTARTS(STR(?p), STR(kg:)))
                    } } GROUP BY ?p""".formatted(iri), s -> relations.put(
                    upperSnake(s.getResource("p").getLocalName()), s.getLiteral("n").getLong()));
            assertThat(labels).as("labels of " + id + " in TDB2").hasSize(1);
            return new Entity(labels.getFirst(), names, relations);
        }
    }

    private static String upperSnake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    private static List<String> hits(String q) throws Exception {
        return search(q).stream().map(h -> h.path("id").asString()).toList();
    }

    private static List<JsonNode> search(String q) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/search?limit=20&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> hits = new ArrayList<>();
        JSON.readTree(r.body()).path("hits").forEach(hits::add);
        return hits;
    }

    private static String firstHit(String q) throws Exception {
        return hits(q).getFirst();
    }

    private static List<String> neo4jIds() {
        try (var session = app.getBean(Driver.class).session()) {
            return session.run("MATCH (n:Resource) RETURN n.id AS id").list(r -> r.get("id").asString());
        }
    }

    /** Resources and relations counted by each store, as {@code /actuator/health} compares them. */
    private static void storesAgreeOnCounts() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode stores = JSON.readTree(r.body()).path("components").path("stores");
        assertThat(stores.path("status").asString()).as(stores.toString()).isEqualTo("UP");
        JsonNode details = stores.path("details");
        for (String store : List.of("tdb2", "lucene")) {
            assertThat(details.path(store).path("resources").asLong()).as(store).isEqualTo(details.path("neo4j").path("resources").asLong());
            assertThat(details.path(store).path("relations").asLong()).as(store).isEqualTo(details.path("neo4j").path("relations").asLong());
        }
    }

    private static List<String> names(JsonNode duplicate) {
        List<String> names = new ArrayList<>();
        duplicate.path("names").forEach(n -> names.add(n.path("name").asString() + " = " + n.path("matches").asString()));
        return names;
    }

    private static JsonNode importFile(String fixture, String query, int status) throws Exception {
        HttpResponse<String> r = send(fixture, query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(String fixture, String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports?name=" + fixture + query))
                .header("Content-Type", "text/turtle").header("X-API-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of("src/test/resources/resolution", fixture))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
