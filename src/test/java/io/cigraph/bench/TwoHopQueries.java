package io.cigraph.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import tools.jackson.databind.json.JsonMapper;

/**
 * A two-hop question, "the other devices of this device's series", asked through our endpoints
 * ({@code /sparql}, {@code POST /api/cypher}, body read whole) and in-process (Jena on the same
 * TDB2 dataset with the union default graph; the driver in a READ transaction, rows consumed),
 * alternating the two so that both see the same machine load.
 */
final class TwoHopQueries {

    private static final int WARMUP = 200;
    private static final int RUNS = 1_000;
    private static final String SPARQL = """
            PREFIX kg: <https://w3id.org/cigraph/ontology#>
            PREFIX res: <https://w3id.org/cigraph/id/>
            SELECT ?other WHERE { res:%s kg:partOfSeries ?series . ?other kg:partOfSeries ?series } LIMIT 1000""";
    private static final String CYPHER = """
            MATCH (:Resource {id: $id})-[:PART_OF_SERIES]->(series)<-[:PART_OF_SERIES]-(other)
            RETURN other.id AS other LIMIT 1000""";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;
    private final Driver driver;
    private final DatasetGraph dataset;
    private final List<String> devices;

    TwoHopQueries(String base, Driver driver, DatasetGraph dataset, List<String> devices) {
        this.base = base;
        this.driver = driver;
        this.dataset = dataset;
        this.devices = devices;
    }

    /** Endpoint latency first, in-process second. */
    Latency[] sparql() {
        // Ids are generated device ids, not user input: formatting them into the text is safe here.
        List<String> queries = devices.stream().map(SPARQL::formatted).toList();
        List<URI> uris = queries.stream()
                .map(q -> URI.create(base + "/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8))).toList();
        return Latency.pair(WARMUP, RUNS,
                i -> send(HttpRequest.newBuilder(uris.get(i % uris.size()))
                        .header("Accept", "application/sparql-results+json").GET().build()),
                i -> Txn.executeRead(dataset, () -> {
                    try (QueryExec exec = QueryExec.dataset(dataset).query(queries.get(i % queries.size()))
                            .set(TDB2.symUnionDefaultGraph, true).set(ARQ.queryTimeout, "30000").build()) {
                        RowSet rows = exec.select();
                        rows.forEachRemaining(row -> { });
                    }
                }));
    }

    /** Endpoint latency first, in-process second. */
    Latency[] cypher() {
        List<byte[]> bodies = devices.stream()
                .map(id -> json.writeValueAsBytes(Map.of("query", CYPHER, "parameters", Map.of("id", id)))).toList();
        return Latency.pair(WARMUP, RUNS,
                i -> send(HttpRequest.newBuilder(URI.create(base + "/api/cypher")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size()))).build()),
                i -> {
                    try (var session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
                        session.executeRead(tx -> tx.run(CYPHER, Map.of("id", devices.get(i % devices.size()))).list());
                    }
                });
    }

    private void send(HttpRequest request) {
        send(http, request);
    }

    /** Sends the request and reads the body whole; anything but 200 is an error. */
    static void send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
