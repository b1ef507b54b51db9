package io.cigraph.importing;

import io.cigraph.Neo4jServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.graph.GraphStore;
import io.cigraph.model.Projection;
import io.cigraph.model.StoreContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example spreadsheets of {@code import/examples/} imported as an analyst would: the vendors
 * from the command line, the devices over HTTP, first with a bad row (nothing applied in any
 * store), then fixed; search and SPARQL then find what they added. A service of its own, so that
 * a thousand made-up devices do not change what the other tests count and search.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpreadsheetImportIT {

    private static final String API_KEY = "sheet-key";
    private static final Path EXAMPLES = Path.of("import", "examples");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    CommandLineImport command;

    @Autowired
    List<Projection> stores;

    @Autowired
    GraphStore graph;

    @Autowired
    io.cigraph.ontology.Ontology ontology;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "cigraph-sheet");
        Neo4jServer.graphSettings(data.resolve("neo4j")).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("cigraph.rdf.dir", () -> data.resolve("tdb2").toString());
        registry.add("cigraph.search.dir", () -> data.resolve("index").toString());
        registry.add("cigraph.security.api-key", () -> API_KEY);
    }

    private record Response(int status, JsonNode json, String body) {
    }

    private Response send(HttpRequest.Builder request) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            return new Response(r.statusCode(), type.contains("json") ? JSON.readTree(r.body()) : null, r.body());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private Response upload(String name, byte[] csv, String mapping) throws Exception {
        return send(request("/api/imports?name=" + name + "&mapping=" + mapping).header("Content-Type", "text/csv")
                .header("X-API-Key", API_KEY).POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
    }

    private Response sparql(String query) throws Exception {
        return send(request("/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
                .header("Accept", "application/sparql-results+json"));
    }

    private String run(String... paths) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = command.run(java.util.Arrays.stream(paths).map(Path::of).toList(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return status + "\n" + bytes.toString(StandardCharsets.UTF_8);
    }

    /** What every store holds: each one's ledger and counts, and the search index's answer for the example's words. */
    private List<Object> everyStore() throws Exception {
        List<Object> all = new ArrayList<>();
        stores.stream().map(Projection::content).map(StoreContent::toString).sorted().forEach(all::add);
        all.add(sparql("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").json()
                .at("/results/bindings/0/n/value").asString());
        all.add(send(request("/api/search?q=illustrative")).json().get("total").asLong());
        return all;
    }

    private static List<String> deviceRows() throws IOException {
        return Files.readAllLines(EXAMPLES.resolve("devices.csv"), StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void theVendorsImportFromTheCommandLineWithTheMappingBesideThem() {
        String out = run("import/examples/vendors.csv");
        assertThat(out).startsWith("0\n").contains("vendors.csv: imported (transactional) | 36 resources, 0 relations");
        assertThat(run("src/test/resources/importing/no-mapping.csv")).startsWith("2\n")
                .contains("no-mapping.mapping.yaml", "README");
    }

    @Test
    @Order(2)
    void aBadRowRejectsTheWholeSpreadsheetNamingLineAndColumnAndNoStoreChanges() throws Exception {
        List<Object> before = everyStore();
        List<String> rows = new ArrayList<>(deviceRows());
        // Line 501 of the file: a date that does not exist, in the column the mapping reads as a date.
        String[] cells = rows.get(500).split(",", -1);
        cells[6] = "2024-02-30";
        rows.set(500, String.join(",", cells));
        byte[] bad = (String.join("\r\n", rows) + "\r\n").getBytes(StandardCharsets.UTF_8);

        Response rejected = upload("devices.csv", bad, "examples/devices.mapping.yaml");

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
        JsonNode problem = rejected.json().get("problems").get(0);
        assertThat(problem.get("file").asString()).isEqualTo("devices.csv");
        assertThat(problem.get("line").asLong()).isEqualTo(501);
        assertThat(problem.get("field").asString()).isEqualTo("release_date (column 7)");
        assertThat(problem.get("message").asString()).contains("'2024-02-30' is not a date");
        assertThat(everyStore()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void theFixedSpreadsheetImportsOverHttpAndSearchAndSparqlFindWhatItAdded() throws Exception {
        byte[] csv = Files.readAllBytes(EXAMPLES.resolve("devices.csv"));
        long start = System.nanoTime();
        Response imported = upload("devices.csv", csv, "examples/devices.mapping.yaml");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().get("resources").asLong()).isEqualTo(1001);
        assertThat(imported.json().get("relations").asLong()).isEqualTo(1000);
        System.out.printf("Spreadsheet import of 1,000 devices over HTTP: %d ms (the import's own report: %d ms)%n",
                millis, imported.json().get("millis").asLong());

        // The first device row: found by its name, with the Chinese alias or model number as the spreadsheet gives them.
        String[] first = deviceRows().get(1).split(",", -1);
        String id = Spreadsheet.slug(first[1]);
        JsonNode hits = send(request("/api/search?q=" + URLEncoder.encode(first[1], StandardCharsets.UTF_8))).json();
        assertThat(hits.get("hits").get(0).get("id").asString()).isEqualTo(id);
        JsonNode entity = send(request("/api/entities/" + id)).json();
        assertThat(entity.toString()).contains(first[3], Spreadsheet.slug(first[4]), "illustrative-device-dataset");

        long expected = 0;
        try (CsvRows reader = new CsvRows(CsvRows.buffered(Files.newInputStream(EXAMPLES.resolve("devices.csv"))), ',')) {
            reader.next();
            for (CsvRows.Row row; (row = reader.next()) != null; ) {
                List<String> c = row.cells();
                expected += c.get(5).equals("smartphone") && c.get(6).compareTo("2024") >= 0 && Integer.parseInt(c.get(8)) >= 12 ? 1 : 0;
            }
        }
        Response answer = sparql("""
                SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {
                  ?vendor kg:develops ?d . ?d a kg:Smartphone ; kg:releaseDate ?released ; kg:ramGB ?ram .
                  FILTER (?released >= "2024-01-01"^^xsd:date && ?ram >= 12)
                }""");
        assertThat(answer.json().at("/results/bindings/0/n/value").asLong()).isEqualTo(expected).isPositive();

        JsonNode facets = send(request("/api/search?q=illustrative&type=Smartwatch")).json();
        assertThat(facets.get("total").asLong()).isPositive();
    }

    @Test
    @Order(4)
    void theSameSpreadsheetAndMappingFromTheCommandLineIsTheSameBatch() {
        assertThat(run("import/examples/devices.csv")).startsWith("0\n").contains("devices.csv: unchanged");
    }

    @Test
    @Order(5)
    void theSameDevicesAsTurtleImportForComparison() throws Exception {
        ImportSource source = ImportSource.of(EXAMPLES.resolve("devices.csv"), ontology);
        Graph all = GraphFactory.createGraphMem();
        Spreadsheet.parseChunks(source, source.opener().open(), ontology, 5000, new Spreadsheet.Lookups() {
            @Override
            public Map<String, List<String>> types(Collection<String> ids) {
                return graph.typesOf(ids);
            }

            @Override
            public Map<String, List<String>> idsByName(Collection<String> names) {
                return graph.idsByName(names);
            }
        }, turtle -> turtle.graph().find().forEach(t -> all.add(renamed(t))));
        ByteArrayOutputStream turtle = new ByteArrayOutputStream();
        RDFDataMgr.write(turtle, all, Lang.TURTLE);

        long start = System.nanoTime();
        Response imported = send(request("/api/imports?name=devices.ttl").header("Content-Type", "text/turtle")
                .header("X-API-Key", API_KEY).POST(HttpRequest.BodyPublishers.ofByteArray(turtle.toByteArray())));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().get("resources").asLong()).isEqualTo(1001);
        System.out.printf("The same 1,000 devices as Turtle over HTTP: %d ms (the import's own report: %d ms)%n",
                millis, imported.json().get("millis").asLong());
    }

    /** The devices under other ids ({@code ttl-...}), so that the Turtle is new to the graph; vendors and the source stay. */
    private Triple renamed(Triple t) {
        return Triple.create(renamed(t.getSubject()), t.getPredicate(), t.getObject().isTripleTerm()
                ? NodeFactory.createTripleTerm(renamed(t.getObject().getTriple())) : renamedObject(t));
    }

    private Node renamedObject(Triple t) {
        // Vendors are objects of develops once turned round; here they are still the objects of developedBy.
        return t.getPredicate().getURI().endsWith("#developedBy") || t.getPredicate().getURI().endsWith("#source")
                ? t.getObject() : renamed(t.getObject());
    }

    private Node renamed(Node n) {
        String id = n.isURI() ? ontology.idOf(n.getURI()) : null;
        return id == null || id.equals("illustrative-device-dataset") ? n : NodeFactory.createURI(ontology.iriOf("ttl-" + id));
    }
}
