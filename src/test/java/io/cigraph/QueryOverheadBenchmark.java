package io.cigraph;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures what the query endpoints add on top of the engines: each query runs through
 * {@code /sparql} and {@code /api/cypher} over HTTP (body read whole) and, in the same run,
 * in-process straight against Jena (TDB2, union default graph) and the Neo4j driver (READ
 * transaction), rows consumed. Not a test: nothing here asserts a time. Run after
 * {@code ./mvnw test-compile} with the test classpath, for example
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.cigraph.QueryOverheadBenchmark}
 * where {@code cp.txt} comes from {@code ./mvnw dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class QueryOverheadBenchmark {

    private static final int WARMUP = 200;
    private static final int RUNS = 1000;
    private static final String PREFIXES = """
            PREFIX kg: <https://w3id.org/cigraph/ontology#>
            PREFIX res: <https://w3id.org/cigraph/id/>
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            """;
    private static final Map<String, String> SPARQL = Map.of(
            "devices", "SELECT ?d WHERE { ?d a kg:Device }",
            "provenance", """
                    SELECT ?p ?o ?source WHERE { res:huawei ?p ?o .
                      ?r rdf:reifies <<( res:huawei ?p ?o )>> ; kg:source ?source }""",
            "class-counts", "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c");
    private static final Map<String, String> CYPHER = Map.of(
            "devices", "MATCH (d:Device) RETURN d.id AS d",
            "provenance", "MATCH (:Vendor {id: 'huawei'})-[r]->(o) RETURN type(r) AS p, o.id AS o, r.source AS source",
            "class-counts", "MATCH (n:Resource) UNWIND labels(n) AS c RETURN c, count(*) AS n");

    private QueryOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("cigraph-bench");
        ConfigurableApplicationContext app = SpringApplication.run(CiGraphApplication.class, "--server.port=0",
                "--cigraph.graph.embedded.bolt-port=0", "--cigraph.graph.embedded.dir=" + data.resolve("neo4j"),
                "--cigraph.rdf.dir=" + data.resolve("tdb2"), "--logging.level.root=warn");
        try {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            Driver driver = app.getBean(Driver.class);
            // The same TDB2 location in the same JVM is the same dataset the service uses.
            DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(data.resolve("tdb2").toString());
            HttpClient http = HttpClient.newHttpClient();
            JsonMapper json = JsonMapper.builder().build();
            System.out.printf("%-14s %-7s %10s %10s %10s %10s %8s %8s%n", "query", "lang", "raw p50", "raw p99",
                    "ours p50", "ours p99", "p50 x", "p99 x");
            for (String name : List.of("devices", "provenance", "class-counts")) {
                Query query = QueryFactory.create(PREFIXES + SPARQL.get(name));
                report(name, "sparql", () -> Txn.calculateRead(dsg, () -> {
                    long rows = 0;
                    try (QueryExec exec = QueryExec.dataset(dsg).query(query)
                            .set(TDB2.symUnionDefaultGraph, true).set(ARQ.queryTimeout, "30000").build()) {
                        RowSet rs = exec.select();
                        while (rs.hasNext()) {
                            rs.next();
                            rows++;
                        }
                    }
                    return rows;
                }), () -> send(http, HttpRequest.newBuilder(URI.create(base + "/sparql?query="
                        + URLEncoder.encode(SPARQL.get(name), StandardCharsets.UTF_8)))
                        .header("Accept", "application/sparql-results+json").GET().build()));
                String cypher = CYPHER.get(name);
                byte[] body = json.writeValueAsBytes(Map.of("query", cypher));
                report(name, "cypher", () -> {
                    try (var session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
                        return session.executeRead(tx -> (long) tx.run(cypher).list(r -> r.values()).size());
                    }
                }, () -> send(http, HttpRequest.newBuilder(URI.create(base + "/api/cypher"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
            }
        } finally {
            app.close();
        }
    }

    private static long send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body().length;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Warms both up, then alternates them so that both see the same machine load. */
    private static void report(String name, String lang, LongSupplier raw, LongSupplier ours) {
        for (int i = 0; i < WARMUP; i++) {
            raw.getAsLong();
            ours.getAsLong();
        }
        long[] rawTimes = new long[RUNS];
        long[] ourTimes = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            raw.getAsLong();
            long t1 = System.nanoTime();
            ours.getAsLong();
            long t2 = System.nanoTime();
            rawTimes[i] = t1 - t0;
            ourTimes[i] = t2 - t1;
        }
        double rawP50 = percentile(rawTimes, 50);
        double rawP99 = percentile(rawTimes, 99);
        double ourP50 = percentile(ourTimes, 50);
        double ourP99 = percentile(ourTimes, 99);
        System.out.printf("%-14s %-7s %8.3fms %8.3fms %8.3fms %8.3fms %7.1fx %7.1fx%n", name, lang, rawP50, rawP99, ourP50,
                ourP99, ourP50 / rawP50, ourP99 / rawP99);
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
