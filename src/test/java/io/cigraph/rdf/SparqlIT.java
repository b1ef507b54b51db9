package io.cigraph.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cigraph.IntegrationTest;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.rdfconnection.RDFConnectionRemote;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.WebContent;
import org.apache.jena.sparql.exec.http.GSP;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.apache.jena.sparql.exec.http.QuerySendMode;
import org.apache.jena.sparql.exec.http.UpdateExecutionHTTP;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class SparqlIT extends IntegrationTest {

    private static final String DEVICES = "SELECT ?d WHERE { ?d a kg:Device } ORDER BY ?d";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private SparqlWatchdog watchdog;

    private String endpoint() {
        return "http://localhost:" + port + "/sparql";
    }

    /** Sends queries as written: the client's own parse would reject the server's predeclared prefixes. */
    private RDFConnection connect() {
        return RDFConnectionRemote.service(endpoint()).parseCheckSPARQL(false).build();
    }

    private List<String> column(QueryExecution qe, String var) {
        List<String> values = new ArrayList<>();
        try (qe) {
            ResultSet rs = qe.execSelect();
            rs.forEachRemaining(s -> values.add(s.get(var).toString()));
        }
        return values;
    }

    private HttpResponse<String> raw(String query, String accept) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private long triples() {
        try (RDFConnection conn = connect()) {
            long[] n = new long[1];
            conn.querySelect("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", s -> n[0] = s.getLiteral("n").getLong());
            return n[0];
        }
    }

    enum ResultFormat {
        JSON(WebContent.contentTypeResultsJSON), XML(WebContent.contentTypeResultsXML),
        CSV(WebContent.contentTypeTextCSV), TSV(WebContent.contentTypeTextTSV);

        final String mediaType;

        ResultFormat(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    @ParameterizedTest
    @EnumSource(ResultFormat.class)
    void devicesTypedOnlyByASubclassAreListedInEveryResultFormatWithoutPrefixLines(ResultFormat format) {
        List<String> devices = column(QueryExecutionHTTP.service(endpoint()).queryString(DEVICES)
                .acceptHeader(format.mediaType).build(), "d");
        assertThat(devices).anyMatch(d -> d.endsWith("/huawei-watch-gt-4"))
                .anyMatch(d -> d.endsWith("/huawei-qingyun-tablets"))
                .anyMatch(d -> d.endsWith("/huawei-qingyun-commercial-smart-screens"))
                .anyMatch(d -> d.endsWith("/huawei-qingyun-printers"))
                .noneMatch(d -> d.endsWith("/harmonyos"));
    }

    @ParameterizedTest
    @EnumSource(ResultFormat.class)
    void theServerAnswersInTheFormatAsked(ResultFormat format) throws Exception {
        HttpResponse<String> r = raw(DEVICES, format.mediaType);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith(format.mediaType);
        assertThat(r.body()).contains("huawei-watch-gt-4");
    }

    @ParameterizedTest
    @EnumSource(value = QuerySendMode.class, names = {"asGetAlways", "asPostForm", "asPost"})
    void getPostFormAndPostQueryBodyAllWork(QuerySendMode mode) {
        assertThat(column(QueryExecutionHTTP.service(endpoint()).queryString(DEVICES).sendMode(mode).build(), "d"))
                .anyMatch(d -> d.endsWith("/huawei-watch-gt-4"));
    }

    @Test
    void kgSearchUsesTheFullTextIndexInsideSparql() {
        String typo = "SELECT ?e ?label WHERE { ?e kg:search \"nearlnk\" ; rdfs:label ?label }";
        assertThat(column(QueryExecutionHTTP.service(endpoint()).queryString(typo).build(), "e"))
                .first().asString().endsWith("/nearlink");
        String chinese = "SELECT ?e WHERE { ?e kg:search \"星闪\" }";
        assertThat(column(QueryExecutionHTTP.service(endpoint()).queryString(chinese).build(), "e"))
                .first().asString().endsWith("/nearlink");
        String scored = """
                SELECT ?e ?score ?os WHERE {
                  (?e ?score) kg:search ("huawei watch gt" 3 "Device") .
                  ?e kg:runs ?os .
                }""";
        try (QueryExecution qe = QueryExecutionHTTP.service(endpoint()).queryString(scored).build()) {
            ResultSet rs = qe.execSelect();
            assertThat(rs.hasNext()).isTrue();
            var row = rs.next();
            assertThat(row.get("e").toString()).endsWith("/huawei-watch-gt-4");
            assertThat(row.get("os").toString()).endsWith("/harmonyos-4");
            assertThat(row.getLiteral("score").getFloat()).isPositive();
        }
        String vendorsOnly = "SELECT ?e WHERE { ?e kg:search (\"huawei\" 50 \"Vendor\") }";
        assertThat(column(QueryExecutionHTTP.service(endpoint()).queryString(vendorsOnly).build(), "e"))
                .containsExactly("https://w3id.org/cigraph/id/huawei");
    }

    @Test
    void askAnswersTrueOrFalse() {
        try (RDFConnection conn = connect()) {
            assertThat(conn.queryAsk("ASK { res:huawei a kg:Organization }")).isTrue();
            assertThat(conn.queryAsk("ASK { res:huawei a kg:Device }")).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/turtle", "application/ld+json", "application/n-triples"})
    void constructAndDescribeAnswerInTheRdfSyntaxAsked(String accept) throws Exception {
        String construct = "CONSTRUCT { res:huawei kg:develops ?x } WHERE { res:huawei kg:develops ?x }";
        HttpResponse<String> r = raw(construct, accept);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith(accept);
        Graph g;
        try (QueryExecution qe = QueryExecutionHTTP.service(endpoint()).queryString(construct).acceptHeader(accept).build()) {
            g = qe.execConstruct().getGraph();
        }
        assertThat(g.size()).isGreaterThanOrEqualTo(4);
        try (QueryExecution qe = QueryExecutionHTTP.service(endpoint()).queryString("DESCRIBE res:nearlink")
                .acceptHeader(accept).build()) {
            Model m = qe.execDescribe();
            assertThat(m.size()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/turtle", "application/ld+json", "application/n-triples"})
    void constructedProvenanceSurvivesEverySyntax(String accept) throws Exception {
        String construct = """
                CONSTRUCT { ?r rdf:reifies ?t ; kg:source ?s } WHERE {
                  ?r rdf:reifies ?t ; kg:source ?s . FILTER(?t = <<( res:huawei kg:develops res:nearlink )>>) }""";
        HttpResponse<String> r = raw(construct, accept);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("huawei-has-established-differentiation-barriers-within-its-ecosystem", "nearlink");
    }

    @Test
    void ontologyAwareSuperPropertiesInversesAndSuperclassesAnswer() {
        try (RDFConnection conn = connect()) {
            List<String> supported = new ArrayList<>();
            conn.querySelect("SELECT ?t WHERE { res:harmonyos kg:supports ?t }", s -> supported.add(s.getResource("t").getURI()));
            assertThat(supported).anyMatch(t -> t.endsWith("/distributed-task-switching"));
            assertThat(conn.queryAsk("ASK { res:nearlink kg:developedBy res:huawei }")).isTrue();
            assertThat(conn.queryAsk("ASK { res:distributed-task-switching kg:capabilityOf res:harmonyos }")).isTrue();
            assertThat(conn.queryAsk("ASK { res:automotive-partners kg:partnersWith res:huawei }")).isTrue();
            assertThat(conn.queryAsk("ASK { res:huawei-watch-gt-4 a kg:Wearable, kg:Device, kg:Product, kg:Entity }")).isTrue();
            // Stated facts stay apart from what the ontology implies.
            assertThat(conn.queryAsk("ASK { GRAPH <https://w3id.org/cigraph/graph/data> { res:nearlink kg:developedBy ?v } }")).isFalse();
            assertThat(conn.queryAsk("ASK { GRAPH <https://w3id.org/cigraph/graph/data> { res:huawei-watch-gt-4 a kg:Smartwatch } }")).isTrue();
        }
    }

    @Test
    void provenanceIsReadableAsRdf12Reifiers() {
        try (RDFConnection conn = connect()) {
            List<String> rows = new ArrayList<>();
            conn.querySelect("""
                    SELECT ?source ?evidence ?confidence WHERE { GRAPH <https://w3id.org/cigraph/graph/data> {
                      ?r rdf:reifies <<( res:huawei kg:develops res:nearlink )>> ;
                         kg:source ?source ; kg:evidence ?evidence ; kg:confidence ?confidence .
                    } }""", s -> rows.add(s.getResource("source").getURI() + " | " + s.getLiteral("evidence").getString()
                    + " | " + s.getLiteral("confidence").getDouble()));
            assertThat(rows).singleElement().satisfies(row -> assertThat(row)
                    .contains("huawei-has-established-differentiation-barriers-within-its-ecosystem", "NearLink", "| 0.9"));
        }
    }

    @Test
    void aPlainGetOfTheEndpointIsItsServiceDescription() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint())).header("Accept", "text/turtle").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/turtle");
        assertThat(r.body()).contains("sd:Service", "sd:SPARQL11Query", "SPARQL_Results_JSON", "graph/inferred");
    }

    @Test
    void updatesAndGraphStoreWritesAreRefusedAndChangeNothing() {
        long before = triples();
        HttpException update = catchThrowableOfType(HttpException.class, () -> UpdateExecutionHTTP.service(endpoint())
                .updateString("INSERT DATA { <urn:x> <urn:y> <urn:z> }").build().execute());
        assertThat(update.getStatusCode()).isEqualTo(403);
        assertThat(update.getResponse()).contains("read-only");
        HttpException updateForm = catchThrowableOfType(HttpException.class, () -> UpdateExecutionHTTP.service(endpoint())
                .updateString("CLEAR ALL").sendMode(org.apache.jena.sparql.exec.http.UpdateSendMode.asPostForm).build().execute());
        assertThat(updateForm.getStatusCode()).isEqualTo(403);
        Graph g = GraphFactory.createDefaultGraph();
        g.add(org.apache.jena.graph.NodeFactory.createURI("urn:x"), org.apache.jena.graph.NodeFactory.createURI("urn:y"),
                org.apache.jena.graph.NodeFactory.createURI("urn:z"));
        HttpException put = catchThrowableOfType(HttpException.class, () -> GSP.service(endpoint()).defaultGraph().PUT(g));
        assertThat(put.getStatusCode()).isEqualTo(405);
        HttpException post = catchThrowableOfType(HttpException.class, () -> GSP.service(endpoint()).defaultGraph().POST(g));
        assertThat(post.getStatusCode()).isEqualTo(405);
        HttpException delete = catchThrowableOfType(HttpException.class,
                () -> GSP.service(endpoint()).graphName("https://w3id.org/cigraph/graph/data").DELETE());
        assertThat(delete.getStatusCode()).isEqualTo(405);
        assertThat(triples()).isEqualTo(before);
    }

    @Test
    void malformedQueriesAnswer400ProblemsWithTheParsersMessageAndTheCallersLineAndColumn() throws Exception {
        JsonNode broken = problem(raw("SELECT ?x WHERE { ?x a ", "application/sparql-results+json"), 400, "invalid-query");
        assertThat(broken.get("detail").asString()).contains("Encountered", "line 1, column 23");
        assertThat(broken.get("line").asInt()).isEqualTo(1);
        assertThat(broken.get("column").asInt()).isEqualTo(23);
        JsonNode prefix = problem(raw("SELECT ?x\nWHERE { ?x a nope:Thing }", "application/sparql-results+json"), 400, "invalid-query");
        assertThat(prefix.get("detail").asString()).contains("Unresolved prefixed name: nope:Thing");
        assertThat(prefix.get("line").asInt()).isEqualTo(2);
        problem(raw(" ", "application/sparql-results+json"), 400, "invalid-query");
    }

    @Test
    void anUpdateSentAsAQueryIsRefusedAsReadOnlyWhicheverWayItIsSent() throws Exception {
        String update = "INSERT DATA { res:huawei kg:develops res:nearlink }";
        long before = triples();
        problem(raw(update, "application/sparql-results+json"), 403, "read-only");
        problem(HTTP.send(HttpRequest.newBuilder(URI.create(endpoint())).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(update, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()), 403, "read-only");
        problem(HTTP.send(HttpRequest.newBuilder(URI.create(endpoint())).header("Content-Type", "application/sparql-query")
                .POST(HttpRequest.BodyPublishers.ofString(update)).build(), HttpResponse.BodyHandlers.ofString()), 403, "read-only");
        assertThat(triples()).isEqualTo(before);
    }

    @Test
    void updatesGraphStoreWritesAndUnknownGraphsAnswerProblemDetails() throws Exception {
        JsonNode update = problem(HTTP.send(HttpRequest.newBuilder(URI.create(endpoint())).header("Content-Type", "application/sparql-update")
                .POST(HttpRequest.BodyPublishers.ofString("CLEAR ALL")).build(), HttpResponse.BodyHandlers.ofString()), 403, "read-only");
        assertThat(update.get("detail").asString()).contains("read-only", "POST /api/imports");
        JsonNode put = problem(HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "?graph=urn:x")).header("Content-Type", "text/turtle")
                .PUT(HttpRequest.BodyPublishers.ofString("<urn:x> <urn:y> <urn:z> .")).build(), HttpResponse.BodyHandlers.ofString()),
                405, "method-not-allowed");
        assertThat(put.get("detail").asString()).contains("imports");
        problem(HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "?graph=urn:x")).DELETE().build(), HttpResponse.BodyHandlers.ofString()),
                405, "method-not-allowed");
        problem(HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "?graph="
                        + URLEncoder.encode("https://w3id.org/cigraph/graph/none", StandardCharsets.UTF_8)))
                .header("Accept", "text/turtle").GET().build(), HttpResponse.BodyHandlers.ofString()), 404, "not-found");
    }

    @Test
    void aHeavyQueryIsStoppedByTheConfiguredTimeoutWithA503Problem() throws Exception {
        // The tests configure a 5 s timeout; this cross product of every triple with itself four times would run for hours.
        JsonNode timeout = problem(raw("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
                "application/sparql-results+json"), 503, "query-timeout");
        assertThat(timeout.get("detail").asString()).contains("cigraph.rdf.query-timeout");
    }

    @Test
    void serviceCallsAreRefusedWithA400AndReachNothing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        remote.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        remote.start();
        try {
            String url = "http://127.0.0.1:" + remote.getAddress().getPort() + "/sparql";
            List<String> queries = List.of(
                    "SELECT * WHERE { SERVICE <" + url + "> { ?s ?p ?o } }",
                    "SELECT * WHERE { SERVICE SILENT <" + url + "> { ?s ?p ?o } }",
                    "SELECT * WHERE { BIND(IRI(\"" + url + "\") AS ?x) SERVICE ?x { ?s ?p ?o } }",
                    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <" + url + "> { ?s ?p ?o } } } }",
                    "ASK { res:huawei ?p ?o FILTER EXISTS { SERVICE <" + url + "> { res:huawei ?p ?o } } }",
                    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <" + url + "> { ?s ?p ?o } }");
            for (String query : queries) {
                JsonNode refused = problem(raw(query, "application/sparql-results+json"), 400, "service-not-allowed");
                assertThat(refused.get("detail").asString()).as(query).contains("cigraph.rdf.allowed-services");
            }
            assertThat(calls).hasValue(0);
        } finally {
            remote.stop(0);
        }
    }

    @Test
    void aGraphStoreReadStreamsTheWholeDataGraphWhileOtherRequestsAnswer() throws Exception {
        String data = "https://w3id.org/cigraph/graph/data";
        long start = System.nanoTime();
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "?graph=" + URLEncoder.encode(data, StandardCharsets.UTF_8)))
                .header("Accept", "text/turtle").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/turtle");
        assertThat(r.headers().firstValue("X-Result-Limit")).isEmpty();
        Graph g = GraphFactory.createDefaultGraph();
        try (InputStream body = r.body()) {
            byte[] first = body.readNBytes(64);
            assertThat(get("/api/stats").status()).isEqualTo(200);
            RDFParser.source(new SequenceInputStream(new ByteArrayInputStream(first), body)).lang(Lang.TURTLE).parse(g);
        }
        try (RDFConnection conn = connect()) {
            long[] n = new long[1];
            conn.querySelect("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + data + "> { ?s ?p ?o } }", s -> n[0] = s.getLiteral("n").getLong());
            assertThat((long) g.size()).isEqualTo(n[0]).isPositive();
        }
    }

    @Test
    void aClientThatLeavesEarlyLeavesNoRequestRunning() throws Exception {
        // Nine columns from a cross product of the store with itself: 10,000 capped rows, megabytes of TSV,
        // far more than the socket buffers hold while the client reads nothing.
        String query = URLEncoder.encode("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("GET /sparql?query=" + query + " HTTP/1.1\r\nHost: localhost\r\nAccept: "
                    + WebContent.contentTypeTextTSV + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] start = socket.getInputStream().readNBytes(1024);
            assertThat(new String(start, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            assertThat(watchdog.running()).isEqualTo(1);
            socket.setSoLinger(true, 0);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (watchdog.running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // Well before the 5 s timeout: the failed write ended it, not the watchdog.
        assertThat(watchdog.running()).isZero();
    }

    private static JsonNode problem(HttpResponse<String> r, int status, String type) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("type").asString()).isEqualTo("https://w3id.org/cigraph/problems/" + type);
        assertThat(p.get("title").asString()).isNotBlank();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asString()).isNotBlank();
        return p;
    }

    @Test
    void answersAreCappedAtTheConfiguredNumberOfRows() throws Exception {
        HttpResponse<String> r = raw("SELECT * WHERE { ?s ?p ?o }", WebContent.contentTypeTextTSV);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Result-Limit")).hasValue("10000");
        assertThat(r.body().lines().count() - 1).isLessThanOrEqualTo(10_000);
    }
}
