package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** How the running service serves: its request threads, and no bookkeeping for metrics nobody reads. */
class ServingIT extends IntegrationTest {

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    MeterRegistry meters;

    @Autowired
    FilterRegistrationBean<LongRequests> longRequests;

    @Test
    void tomcatHasFourThreadsPerCoreAndAnswersMoreClientsThanThat() {
        int threads = RequestThreads.PER_CORE * Runtime.getRuntime().availableProcessors();
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        assertThat(((AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler()).getMaxThreads())
                .isEqualTo(threads);

        List<CompletableFuture<Response>> answers = new ArrayList<>();
        for (int i = 0; i < threads * 4; i++) {
            String path = i % 2 == 0 ? "/api/entities/huawei/neighbors?depth=2" : "/api/search?q=NearLink";
            answers.add(CompletableFuture.supplyAsync(() -> get(path)));
        }
        assertThat(answers.stream().map(CompletableFuture::join).map(Response::status)).containsOnly(200);
    }

    @Test
    void requestsAreNotTimedForMetricsThatAreNotExposed() {
        assertThat(get("/api/search?q=HarmonyOS").status()).isEqualTo(200);
        assertThat(get("/actuator/metrics").status()).isEqualTo(404);
        assertThat(meters.find("http.server.requests").meters()).isEmpty();
    }

    @Test
    void longRequestsHoldAtMostTheirSlotsAndTheRestOfTheServiceAnswers() throws Exception {
        int threads = RequestThreads.PER_CORE * Runtime.getRuntime().availableProcessors();
        int slots = longRequests.getFilter().limit();
        assertThat(slots).isEqualTo(threads - Runtime.getRuntime().availableProcessors());
        List<String> before = snapshot();
        String storesBefore = otherStores();
        // Uploads whose bodies stop half-way hold their request threads, as slow queries do, without using the processor.
        List<HeldUpload> held = new ArrayList<>();
        String quick = "/sparql?query=" + URLEncoder.encode("ASK { ?s ?p ?o }", StandardCharsets.UTF_8);
        try {
            for (int i = 0; i < slots; i++) {
                held.add(new HeldUpload(port, "held-" + i + ".ttl"));
            }
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> refused = null;
            for (int tries = 0; tries < 50 && refused == null; tries++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + quick)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 503) {
                    refused = r;
                } else {
                    Thread.sleep(100);
                }
            }
            assertThat(refused).as("a query beyond the slots is refused while they are all taken").isNotNull();
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(JSON.readTree(refused.body()).get("type").asString()).endsWith("/" + LongRequests.TYPE);
            assertThat(JSON.readTree(refused.body()).get("detail").asString()).contains(LongRequests.SETTING);
            // The other endpoints, the import ledger and health probes still have threads of their own.
            assertThat(get("/actuator/health").status()).isEqualTo(200);
            assertThat(get("/api/search?q=NearLink").status()).isEqualTo(200);
            assertThat(get("/api/entities/huawei/neighbors?depth=2").status()).isEqualTo(200);
            assertThat(get("/api/imports").status()).isEqualTo(200);

            for (HeldUpload upload : held) {
                assertThat(upload.finish()).startsWith("HTTP/1.1 422");
            }
            assertThat(get(quick).status()).as("slots are given back when requests end").isEqualTo(200);
            assertThat(snapshot()).isEqualTo(before);
            assertThat(otherStores()).isEqualTo(storesBefore);
        } finally {
            for (HeldUpload upload : held) {
                upload.socket.close();
            }
        }
    }

    /** Every quad the RDF store holds, counted, and each store's counts of batches, resources and relations as health reports them. */
    private String otherStores() throws Exception {
        HttpResponse<String> quads = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/sparql?query=" + URLEncoder.encode("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", StandardCharsets.UTF_8)))
                .header("Accept", "application/sparql-results+json").GET().build(), HttpResponse.BodyHandlers.ofString());
        tools.jackson.databind.JsonNode stores = get("/actuator/health").json().at("/components/stores/details");
        return JSON.readTree(quads.body()).at("/results/bindings/0/n/value").asString() + " " + stores.get("neo4j") + " "
                + stores.get("tdb2") + " " + stores.get("lucene");
    }

    /** A dry-run Turtle upload that sends its first line and holds the rest until {@link #finish}, which ends it with a syntax error. */
    private static final class HeldUpload {

        private static final byte[] START = "@prefix kg: <https://w3id.org/cigraph/ontology#> .\n".getBytes(StandardCharsets.UTF_8);
        private static final byte[] END = "this is not turtle\n".getBytes(StandardCharsets.UTF_8);

        final Socket socket;

        HeldUpload(int port, String name) throws IOException {
            socket = new Socket("localhost", port);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/imports?dryRun=true&name=" + name + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/turtle\r\n"
                    + "X-API-Key: " + API_KEY + "\r\nContent-Length: " + (START.length + END.length) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(START);
            out.flush();
        }

        /** Sends the rest and returns the answer's status line. */
        String finish() throws IOException {
            socket.getOutputStream().write(END);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        }
    }
}
