package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/imports} in every syntax: the same dataset ({@code importing/formats/orbit.*},
 * each with ids of its own) gives the same graph, RDF store and search index whatever the syntax
 * and form of provenance; several files come as a multipart upload; what is not accepted is a
 * 415 that names what is; our own exports import back.
 */
class ImportFormatsIT extends IntegrationTest {

    private static final Path FORMATS = Path.of("src/test/resources/importing/formats");
    private static final String[][] SYNTAXES = {
            {".ttl", "text/turtle"}, {".trig", "application/trig"}, {".nt", "application/n-triples"},
            {".nq", "application/n-quads"}, {".jsonld", "application/ld+json"}, {".rdf", "application/rdf+xml"}};

    /** The fixture with its ids and names made its own by a token (a slug part: "fttlf"). */
    private static String orbit(String extension, String token) {
        try {
            return Files.readString(FORMATS.resolve("orbit" + extension)).replace("FMT", token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(String extension) {
        return "f" + extension.substring(1) + "f";
    }

    private Response importFile(String name, String contentType, String body) {
        return post("/api/imports?name=" + name, contentType, body.getBytes(StandardCharsets.UTF_8), API_KEY);
    }

    /**
     * What each store holds of one token's resources, with the token put back to FMT: Neo4j's
     * nodes and relationships (without the batch, which is the file's), the RDF store's triples
     * and reifiers in every graph, and the search index's hits for each name.
     */
    private List<String> stores(String token) {
        List<String> all = new ArrayList<>();
        try (var session = driver.session()) {
            all.addAll(session.run("""
                    MATCH (n:Resource) WHERE n.id CONTAINS $token
                    RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id
                    """, Map.of("token", token)).list(r -> {
                Map<String, Object> props = new TreeMap<>(r.get("props").asMap());
                props.keySet().removeAll(List.of("batch", "batches", "claims"));
                return "neo4j " + r.get("id").asString() + " " + r.get("labels").asList(Object::toString).stream().sorted().toList()
                        + " " + props;
            }));
            all.addAll(session.run("""
                    MATCH (a:Resource)-[r]->(b) WHERE a.id CONTAINS $token
                    RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props ORDER BY a, t, b
                    """, Map.of("token", token)).list(r -> {
                Map<String, Object> props = new TreeMap<>(r.get("props").asMap());
                props.keySet().removeAll(List.of("batch", "batches", "claims"));
                return "neo4j " + r.get("a").asString() + " " + r.get("t").asString() + " " + r.get("b").asString() + " " + props;
            }));
        }
        // As in Neo4j, what each import said of a restated record (its claims graphs) is left out:
        // the records as the stores hold them.
        all.addAll(sparql("""
                SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s) && CONTAINS(STR(?s), "%s")) %s }
                """.formatted(token, NOT_CLAIMS)));
        all.addAll(sparql("""
                SELECT ?g ?t ?p ?o WHERE { GRAPH ?g { ?r rdf:reifies ?t ; ?p ?o } FILTER(CONTAINS(STR(SUBJECT(?t)), "%s")) %s }
                """.formatted(token, NOT_CLAIMS)));
        for (String name : List.of("Orbit", "Orbit OS", "Orbit Watch", "Orbit report")) {
            JsonNode hits = get("/api/search?limit=100&q=" + URLEncoder.encode(name + " " + token, StandardCharsets.UTF_8)).json().get("hits");
            for (JsonNode hit : hits) {
                if (hit.get("id").asString().contains(token)) {
                    var fields = new TreeMap<String, String>();
                    hit.properties().forEach(e -> {
                        if (!e.getKey().equals("score")) {
                            fields.put(e.getKey(), e.getValue().toString());
                        }
                    });
                    all.add("lucene " + name + " " + fields);
                }
            }
        }
        return all.stream().map(s -> s.replace(token, "FMT")).sorted().toList();
    }

    private static final String NOT_CLAIMS = "FILTER(!STRSTARTS(STR(?g), \"https://w3id.org/cigraph/graph/claims/\"))";

    /** The claims graphs that hold something of the records named with {@code token}. */
    private List<String> claimsGraphs(String token) {
        return sparql("""
                SELECT ?g (SAMPLE(?x) AS ?s) (SAMPLE(?y) AS ?p) (SAMPLE(?z) AS ?o) WHERE {
                  GRAPH ?g { ?x ?y ?z } FILTER(STRSTARTS(STR(?g), "https://w3id.org/cigraph/graph/claims/") && CONTAINS(STR(?x), "%s"))
                } GROUP BY ?g""".formatted(token));
    }

    private List<String> sparql(String query) {
        JsonNode answer;
        try {
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://localhost:" + port + "/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .header("Accept", "application/sparql-results+json").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            answer = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<String> rows = new ArrayList<>();
        for (JsonNode row : answer.get("results").get("bindings")) {
            rows.add("tdb2 " + new TreeMap<>(Map.of("g", row.get("g").toString(), "s", String.valueOf(row.get(row.has("s") ? "s" : "t")),
                    "p", row.get("p").toString(), "o", row.get("o").toString())));
        }
        return rows;
    }

    @Test
    void theSameDatasetInEverySyntaxGivesTheSameContentInEveryStore() {
        List<String> expected = null;
        for (String[] syntax : SYNTAXES) {
            String token = token(syntax[0]);
            Response r = importFile("orbit" + syntax[0], syntax[1], orbit(syntax[0], token));
            assertThat(r.status()).as(syntax[1] + ": " + r.body()).isEqualTo(201);
            assertThat(r.json().get("resources").asLong()).isEqualTo(4);
            assertThat(r.json().get("relations").asLong()).isEqualTo(2);
            List<String> content = stores(token);
            assertThat(content).as(syntax[1]).anyMatch(s -> s.startsWith("neo4j orbit-FMT DEVELOPS orbit-os-FMT")
                    && s.contains("evidence=Orbit FMT develops Orbit OS FMT") && s.contains("source=orbit-report-FMT"));
            assertThat(content).as(syntax[1]).anyMatch(s -> s.startsWith("tdb2 ") && s.contains("evidence"));
            assertThat(content).as(syntax[1]).anyMatch(s -> s.startsWith("lucene Orbit Watch "));
            if (expected == null) {
                expected = content;
            } else {
                assertThat(content).as(syntax[1]).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Test
    void anUnacceptedTypeIsA415NamingEveryAcceptedOne() {
        Response r = importFile("data.json", "application/json", "{}");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<String> accepted = new ArrayList<>();
        r.json().get("accepted").forEach(a -> accepted.add(a.asString()));
        assertThat(accepted).contains("text/turtle", "application/trig", "application/n-triples", "application/n-quads",
                "application/ld+json", "application/rdf+xml", "multipart/form-data");
        assertThat(r.json().get("detail").asString()).contains("application/ld+json", "multipart/form-data");
    }

    @Test
    void aMultipartUploadImportsEachFileInTheFormatOfItsTypeOrName() {
        String token = "fmultif";
        String device = """
                <https://w3id.org/cigraph/id/orbit-band-fmultif> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/cigraph/ontology#FitnessBand> .
                <https://w3id.org/cigraph/id/orbit-band-fmultif> <http://www.w3.org/2000/01/rdf-schema#label> "Orbit Band fmultif" .
                _:s <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <https://w3id.org/cigraph/id/orbit-band-fmultif> .
                _:s <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <https://w3id.org/cigraph/ontology#runs> .
                _:s <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <https://w3id.org/cigraph/id/orbit-os-fmultif> .
                _:s <https://w3id.org/cigraph/ontology#source> <https://w3id.org/cigraph/id/orbit-report-fmultif> .
                _:s <https://w3id.org/cigraph/ontology#evidence> "the band runs Orbit OS" .
                """;
        String boundary = "cigraph-boundary-7d1";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "file", "orbit.ttl", "application/octet-stream", orbit(".ttl", token));
        part(body, boundary, "file", "band.txt", "application/n-triples", device);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        Response r = post("/api/imports", "multipart/form-data; boundary=" + boundary, body.toByteArray(), API_KEY);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().isArray()).isTrue();
        assertThat(r.json()).hasSize(2);
        assertThat(r.json().get(0).get("file").asString()).isEqualTo("orbit.ttl");
        assertThat(r.json().get(1).get("file").asString()).isEqualTo("band.txt");
        assertThat(r.json()).allSatisfy(report -> assertThat(report.get("status").asString()).isEqualTo("imported"));
        assertThat(count("""
                MATCH (:Resource {id: 'orbit-band-fmultif'})-[r:RUNS {source: 'orbit-report-fmultif'}]->(:Resource {id: 'orbit-os-fmultif'})
                RETURN count(r)""", Map.of())).isEqualTo(1);
    }

    @Test
    void aMultipartPartOfNoKnownTypeOrNameIsA415() {
        String boundary = "cigraph-boundary-8e2";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "file", "notes.txt", "text/csv", "a,b\n");
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Response r = post("/api/imports", "multipart/form-data; boundary=" + boundary, body.toByteArray(), API_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(415);
        assertThat(r.json().get("detail").asString()).contains("notes.txt", ".jsonld");
    }

    @Test
    void aMultipartUploadOverTheLimitIsA413WhetherItsLengthIsAnnouncedOrNot() throws Exception {
        String boundary = "cigraph-boundary-9f3";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "file", "big.nt", "application/n-triples", "# padding\n".repeat(150_000));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();

        Response announced = post("/api/imports", "multipart/form-data; boundary=" + boundary, bytes, API_KEY);
        assertThat(announced.status()).as(announced.body()).isEqualTo(413);
        assertThat(announced.body()).contains("cigraph.import.max-upload-size", "/upload-too-large");

        // Without a Content-Length (chunked), the container stops reading the part at the limit.
        var chunked = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("X-API-Key", API_KEY)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.body()).contains("cigraph.import.max-upload-size");
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName, String type, String content) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n" + content + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ourJsonLdExportImportsBackToTheSameGraph() {
        String token = "fexportf";
        assertThat(importFile("export-source.ttl", "text/turtle", orbit(".ttl", token)).status()).isEqualTo(201);
        List<String> before = stores(token);
        Response export = get("/api/export?format=jsonld&root=orbit-watch-" + token + "&depth=1");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).contains("Statement", "evidence");

        Response again = importFile("export.jsonld", "application/ld+json", export.body());

        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(stores(token)).containsExactlyInAnyOrderElementsOf(before);
    }

    /**
     * Each RDF export profile in the syntax that carries it imports back: a restatement, so the
     * stores hold what they held (a second import now also owns those statements); undoing that
     * import leaves them as they were, since the first one still states them.
     */
    @Test
    void everyExportProfileImportsBackAndUndoingThatImportChangesNothing() {
        String[][] exports = {
                {"turtle", "rdf12", "text/turtle", ".ttl"}, {"turtle", "rdf11", "text/turtle", ".ttl"},
                {"trig", "rdf12", "application/trig", ".trig"}, {"nquads", "rdf11-graphs", "application/n-quads", ".nq"},
                {"ntriples", "rdf12", "application/n-triples", ".nt"}};
        for (String[] export : exports) {
            String token = "x" + export[0] + export[1].replace("-", "") + "x";
            String what = export[0] + " " + export[1];
            assertThat(importFile("profile-source-" + token + ".ttl", "text/turtle", orbit(".ttl", token)).status()).isEqualTo(201);
            List<String> before = stores(token);
            Response file = get("/api/export?format=" + export[0] + "&profile=" + export[1] + "&root=orbit-watch-" + token + "&depth=1");
            assertThat(file.status()).as(what + ": " + file.body()).isEqualTo(200);

            Response again = importFile("export-" + token + export[3], export[2], file.body());
            assertThat(again.status()).as(what + ": " + again.body()).isEqualTo(201);
            assertThat(stores(token)).as(what + ", imported back").containsExactlyInAnyOrderElementsOf(before);
            assertThat(claimsGraphs(token)).as(what + ": each import's claims graph").hasSize(2);

            Response undo = delete("/api/imports/" + again.json().get("batch").asString(), API_KEY);
            assertThat(undo.status()).as(what + ": " + undo.body()).isEqualTo(200);
            assertThat(undo.json().get("retractedResources").asLong()).as(what).isZero();
            assertThat(undo.json().get("retractedRelations").asLong()).as(what).isZero();
            assertThat(claimsGraphs(token)).as(what + ": one import alone states them again").isEmpty();
            assertThat(stores(token)).as(what + ", that import undone").containsExactlyInAnyOrderElementsOf(before);
        }
    }
}
