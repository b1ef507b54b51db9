package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The CSV export round-trips through the spreadsheet import as a user takes it: the zip of a
 * neighbourhood unzipped into a folder, one cell edited as a spreadsheet program saves it, the
 * two files imported from the command line with the mappings the zip carries. Every store then
 * holds for the exported resources what it held before, but for the edited cell; undoing the two
 * imports gives back exactly what was there.
 */
class CsvRoundTripIT extends IntegrationTest {

    private static final String ROOT = "harmonyos-4";
    private static final String EDITED = "huawei-watch-gt-4";

    @Autowired
    CommandLineImport command;

    @Test
    void anExportedNeighbourhoodEditedInOneCellImportsBackWithOnlyThatCellChanged() throws Exception {
        Path folder = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "csv-round-trip");
        Map<String, byte[]> files = unzip(bytes("/api/export?format=csv&root=" + ROOT + "&depth=2"));
        assertThat(files.keySet()).containsExactlyInAnyOrder("nodes.csv", "relations.csv", "nodes.mapping.yaml", "relations.mapping.yaml");
        for (var file : files.entrySet()) {
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }
        List<CSVRecord> nodes = csv(files.get("nodes.csv"));
        Set<String> ids = new LinkedHashSet<>();
        Map<String, String> labels = new TreeMap<>();
        nodes.forEach(n -> {
            ids.add(n.get("id"));
            labels.put(n.get("id"), n.get("label"));
        });
        // Entities, the sources they cite and the figures observed about them, each with its links.
        assertThat(nodes).anySatisfy(n -> assertThat(n.get("types")).isEqualTo("Observation"))
                .anySatisfy(n -> assertThat(n.get("types")).isEqualTo("Article"))
                .anySatisfy(n -> assertThat(n.get("id")).isEqualTo(EDITED));
        assertThat(new String(files.get("relations.csv"), StandardCharsets.UTF_8)).contains(",observationOf," + ROOT + ",");
        List<String> before = stores(ids, labels, EDITED);
        String oldDescription = nodes.stream().filter(n -> n.get("id").equals(EDITED)).findFirst().orElseThrow().get("description");
        String newDescription = oldDescription + " Edited in a spreadsheet: zebrafinch.";
        assertThat(get("/api/search?q=zebrafinch").json().get("total").asLong()).isZero();
        Files.writeString(folder.resolve("nodes.csv"), edited(files.get("nodes.csv"), EDITED, "description", newDescription));
        // Who made the edit, and when: an undated statement gives way to the seed's dated one (see
        // README, "Statements owned by imports"), so the edit says it is a review of today.
        Files.writeString(folder.resolve("nodes.mapping.yaml"), """
                provenance:
                  source: {id: spreadsheet-review, title: "Spreadsheet review", date: %s}
                """.formatted(java.time.LocalDate.now()), java.nio.file.StandardOpenOption.APPEND);

        String nodesOut = run(folder.resolve("nodes.csv"));
        String relationsOut = run(folder.resolve("relations.csv"));

        assertThat(nodesOut).as(nodesOut).startsWith("0\n");
        assertThat(relationsOut).as(relationsOut).startsWith("0\n");
        List<String> expected = before.stream().map(s -> s.replace(oldDescription, newDescription)).sorted().toList();
        assertThat(expected).isNotEqualTo(before);
        List<String> after = stores(ids, labels, EDITED);
        assertThat(difference(expected, after)).isEmpty();
        String nodesBatch = liveBatch("nodes.csv");
        String relationsBatch = liveBatch("relations.csv");
        assertThat(get("/api/search?q=zebrafinch").json().get("hits").get(0).get("id").asString()).isEqualTo(EDITED);
        // One cell edited, one change: the rest restates what the graph holds.
        List<String> changed = new ArrayList<>();
        for (JsonNode change : get("/api/imports/" + nodesBatch).json().get("entry").get("changes")) {
            if (!change.get("action").asString().equals("unchanged") && !change.get("resource").asString().equals("spreadsheet-review")) {
                changed.add(change.get("resource").asString() + " " + change.get("field").asString());
            }
        }
        assertThat(changed).containsExactly(EDITED + " description");
        for (JsonNode change : get("/api/imports/" + relationsBatch).json().get("entry").get("changes")) {
            assertThat(change.get("action").asString()).as(change.toString()).isEqualTo("unchanged");
        }

        assertThat(delete("/api/imports/" + relationsBatch, API_KEY).status()).isEqualTo(200);
        assertThat(delete("/api/imports/" + nodesBatch, API_KEY).status()).isEqualTo(200);
        List<String> restored = stores(ids, labels, EDITED);
        assertThat(difference(before, restored)).isEmpty();
        assertThat(get("/api/search?q=zebrafinch").json().get("total").asLong()).isZero();
    }

    /** What was expected and is missing ("-") and what is there unexpected ("+"): a short message where whole lists would drown it. */
    private static List<String> difference(List<String> expected, List<String> actual) {
        List<String> missing = new ArrayList<>(expected);
        actual.forEach(missing::remove);
        List<String> extra = new ArrayList<>(actual);
        expected.forEach(extra::remove);
        List<String> both = new ArrayList<>();
        missing.forEach(m -> both.add("- " + m));
        extra.forEach(e -> both.add("+ " + e));
        return both;
    }

    private String run(Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = command.run(List.of(file), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return status + "\n" + bytes.toString(StandardCharsets.UTF_8);
    }

    /** The live ledger entry of a file name: the import the command line just made. */
    private String liveBatch(String file) {
        List<String> found = new ArrayList<>();
        collect(get("/api/imports").json(), file, found);
        assertThat(found).as(file).isNotEmpty();
        return found.getLast();
    }

    private static void collect(JsonNode node, String file, List<String> found) {
        if (node.isObject() && node.has("file") && node.get("file").asString().equals(file) && node.has("status")
                && node.get("status").asString().equals("live")) {
            found.add(node.get("batch").asString());
        }
        node.values().forEach(child -> collect(child, file, found));
    }

    /** The file with one cell changed, saved as RFC 4180 again, as a spreadsheet program would. */
    private static String edited(byte[] file, String id, String column, String value) throws IOException {
        List<CSVRecord> rows = csv(file);
        List<String> header = rows.getFirst().getParser().getHeaderNames();
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get().print(out)) {
            for (CSVRecord row : rows) {
                List<String> cells = new ArrayList<>(row.toList());
                if (row.get("id").equals(id)) {
                    cells.set(header.indexOf(column), value);
                }
                printer.printRecord(cells);
            }
        }
        return out.toString();
    }

    private static List<CSVRecord> csv(byte[] file) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(file, StandardCharsets.UTF_8))).getRecords();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private byte[] bytes(String path) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /**
     * What each store holds of the exported resources: Neo4j's nodes and the relationships among
     * them (without the ownership keys, which name the imports), the RDF store's triples and
     * reifiers about them, and the search index's hits among them for each one's name.
     */
    private List<String> stores(Set<String> ids, Map<String, String> labels, String edited) {
        List<String> all = new ArrayList<>();
        try (var session = driver.session()) {
            all.addAll(session.run("""
                    MATCH (n:Resource) WHERE n.id IN $ids
                    RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id
                    """, Map.of("ids", List.copyOf(ids))).list(r -> {
                Map<String, Object> props = new TreeMap<>(r.get("props").asMap());
                props.keySet().removeAll(List.of("batch", "batches", "claims"));
                // A set of names in languages: the export writes them by language, and the order they come back in is that one.
                List<String> aliases = new ArrayList<>();
                List<?> texts = (List<?>) props.remove("aliases");
                List<?> languages = (List<?>) props.remove("aliasLanguages");
                for (int i = 0; texts != null && i < texts.size(); i++) {
                    aliases.add(texts.get(i) + "@" + languages.get(i));
                }
                props.put("aliases", aliases.stream().sorted().toList());
                return "neo4j " + r.get("id").asString() + " " + r.get("labels").asList(Object::toString).stream().sorted().toList()
                        + " " + props;
            }));
            all.addAll(session.run("""
                    MATCH (a:Resource)-[r]->(b:Resource) WHERE a.id IN $ids AND b.id IN $ids
                    RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props ORDER BY a, t, b
                    """, Map.of("ids", List.copyOf(ids))).list(r -> {
                Map<String, Object> props = new TreeMap<>(r.get("props").asMap());
                props.keySet().removeAll(List.of("batch", "batches", "claims"));
                return "neo4j " + r.get("a").asString() + " " + r.get("t").asString() + " " + r.get("b").asString() + " " + props;
            }));
        }
        String values = String.join(" ", ids.stream().map(id -> "<https://w3id.org/cigraph/id/" + id + ">").toList());
        // The records as the stores hold them, not the claims graphs: what each import said of a
        // restated record is kept apart, and grows with every restatement.
        String records = " FILTER(!STRSTARTS(STR(?g), \"https://w3id.org/cigraph/graph/claims/\"))";
        all.addAll(sparql("SELECT ?g ?s ?p ?o WHERE { VALUES ?s { " + values + " } GRAPH ?g { ?s ?p ?o }" + records + " }"));
        all.addAll(sparql("SELECT ?g ?s ?p ?o WHERE { VALUES ?x { " + values + " } GRAPH ?g { ?r rdf:reifies ?s ; ?p ?o }"
                + " FILTER(SUBJECT(?s) = ?x)" + records + " }"));
        labels.forEach((id, label) -> {
            JsonNode hits = get("/api/search?limit=100&q=" + URLEncoder.encode(label, StandardCharsets.UTF_8)).json().get("hits");
            for (JsonNode hit : hits) {
                if (ids.contains(hit.get("id").asString())) {
                    Map<String, String> fields = new TreeMap<>();
                    hit.properties().forEach(e -> {
                        if (e.getKey().equals("highlights") && hit.get("id").asString().equals(edited)) {
                            // A fragment of the description around the words found: what it shows of an edit varies with them.
                            var highlights = (tools.jackson.databind.node.ObjectNode) e.getValue().deepCopy();
                            highlights.remove("description");
                            fields.put(e.getKey(), highlights.toString());
                        } else if (!e.getKey().equals("score")) {
                            fields.put(e.getKey(), e.getValue().toString());
                        }
                    });
                    all.add("lucene " + label + " " + fields);
                }
            }
        });
        return all.stream().sorted().toList();
    }

    private List<String> sparql(String query) {
        try {
            var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://localhost:" + port + "/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .header("Accept", "application/sparql-results+json").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<String> rows = new ArrayList<>();
            for (JsonNode row : JSON.readTree(r.body()).get("results").get("bindings")) {
                rows.add("tdb2 " + row.get("g") + " " + row.get("s") + " " + row.get("p") + " " + row.get("o"));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
