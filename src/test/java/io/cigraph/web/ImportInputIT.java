package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What {@code POST /api/imports} does with bodies that are too large, in another charset, or
 * Turtle that nests too deep or names resources by IRIs that resolve elsewhere.
 */
class ImportInputIT extends IntegrationTest {

    private static final String PREFIXES = """
            @prefix kg:   <https://w3id.org/cigraph/ontology#> .
            @prefix res:  <https://w3id.org/cigraph/id/> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            """;

    private Response importTurtle(String name, String contentType, byte[] body) {
        return post("/api/imports?name=" + name + "&force=true", contentType, body, API_KEY);
    }

    private static void assertProblem(Response r, int status, String type) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).as(r.body()).startsWith("application/problem+json");
        assertThat(r.json().has("type")).as(r.body()).isTrue();
        assertThat(r.json().get("type").asString()).endsWith("/" + type);
    }

    private static JsonNode onlyProblem(Response r) {
        assertProblem(r, 422, "import-rejected");
        assertThat(r.json().get("problems")).hasSize(1);
        return r.json().get("problems").get(0);
    }

    @Test
    void aContentLengthOverTheLimitIsA413AtOnceNamingTheLimitAndTheSetting() throws IOException {
        // Announces two megabytes and sends none of them: the answer must come without the body.
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/imports?name=big.ttl HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/turtle\r\n"
                    + "X-API-Key: " + API_KEY + "\r\nContent-Length: 2000000\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(readHead(socket.getInputStream()), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json")
                    .contains("cigraph.import.max-upload-size", "1MB", "/upload-too-large");
        }
    }

    /** The status line, headers and as much of the body as came within a second or until closed. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
                if (bytes.toString(StandardCharsets.UTF_8).contains("}")) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // Whatever came is the answer.
        }
        return bytes.toByteArray();
    }

    @Test
    void aStreamedBodyOverTheLimitIsA413AndNothingIsImported() throws Exception {
        List<String> before = snapshot();
        // No Content-Length (chunked): the limit is found by counting. Valid Turtle, so only the size refuses it.
        byte[] line = "# padding, padding, padding, padding, padding, padding, padding, padding, padding\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] resource = (PREFIXES + "res:streamed-vendor a kg:Vendor ; rdfs:label \"Streamed Vendor\" .\n")
                .getBytes(StandardCharsets.UTF_8);
        int lines = 1_300_000 / line.length;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports?name=streamed.ttl"))
                .header("Content-Type", "text/turtle").header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    private long sent;
                    private final long total = resource.length + (long) lines * line.length;

                    @Override
                    public int read() {
                        if (sent >= total) {
                            return -1;
                        }
                        long at = sent++;
                        return at < resource.length ? resource[(int) at] : line[(int) ((at - resource.length) % line.length)];
                    }
                })).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("limit").asLong()).isEqualTo(1024 * 1024);
        assertThat(problem.get("setting").asString()).isEqualTo("cigraph.import.max-upload-size");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aStreamedBodyWithinTheLimitIsImported() throws Exception {
        String text = PREFIXES + "res:chunked-vendor a kg:Vendor ; rdfs:label \"Chunked Vendor\" .\n" + "# padding\n".repeat(50_000);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports?name=chunked.ttl"))
                .header("Content-Type", "text/turtle").header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(get("/api/entities/chunked-vendor").json().get("label").asString()).isEqualTo("Chunked Vendor");
    }

    @Test
    void theDeclaredCharsetIsDecoded() {
        byte[] latin1 = (PREFIXES + "res:cafe-vendor a kg:Vendor ; rdfs:label \"Café Vendor\" .\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Response r = importTurtle("latin1.ttl", "text/turtle; charset=ISO-8859-1", latin1);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(get("/api/entities/cafe-vendor").json().get("label").asString()).isEqualTo("Café Vendor");
    }

    @Test
    void bytesNotInTheDeclaredOrDefaultCharsetAreA422WithTheirLine() {
        List<String> before = snapshot();
        byte[] latin1 = (PREFIXES + "res:cafe-two a kg:Vendor ;\n  rdfs:label \"Café Two\" .\n").getBytes(StandardCharsets.ISO_8859_1);
        JsonNode utf8 = onlyProblem(importTurtle("latin1-as-utf8.ttl", "text/turtle", latin1));
        assertThat(utf8.get("line").asLong()).isEqualTo(5L);
        assertThat(utf8.get("message").asString()).contains("not UTF-8");

        byte[] notWindows1252 = (PREFIXES + "res:cafe-two a kg:Vendor ; rdfs:label \"Caf\u0081\" .\n").getBytes(StandardCharsets.ISO_8859_1);
        JsonNode windows = onlyProblem(importTurtle("cp1252.ttl", "text/turtle; charset=windows-1252", notWindows1252));
        assertThat(windows.get("line").asLong()).isEqualTo(4L);
        assertThat(windows.get("message").asString()).contains("not windows-1252");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anUnknownCharsetIsA415NamingWhatIsAccepted() {
        Response r = importTurtle("x.ttl", "text/turtle; charset=no-such-charset", "# x".getBytes(StandardCharsets.UTF_8));
        assertProblem(r, 415, "unsupported-media-type");
        assertThat(r.json().get("detail").asString()).contains("no-such-charset", "text/turtle", "UTF-8");
        assertThat(r.json().get("accepted").toString()).contains("text/turtle");
    }

    @Test
    void blankNodesNestedThousandsDeepAreA422WithTheLine() {
        String deep = PREFIXES + "res:deep-vendor a kg:Vendor ;\n  kg:x " + "[ kg:x ".repeat(4000) + "1" + " ]".repeat(4000) + " .\n";
        JsonNode problem = onlyProblem(importTurtle("deep.ttl", "text/turtle", deep.getBytes(StandardCharsets.UTF_8)));
        assertThat(problem.get("file").asString()).isEqualTo("deep.ttl");
        assertThat(problem.get("line").asLong()).isEqualTo(5L);
        assertThat(problem.get("message").asString()).contains("deeper than 64");
    }

    @Test
    void aResourceIriWithDotSegmentsIsA422AndNotNormalisedOntoAnotherEntity() {
        List<String> before = snapshot();
        String text = PREFIXES + """
                res:dots-vendor a kg:Vendor ; rdfs:label "Dots Vendor" ;
                    kg:develops <https://w3id.org/cigraph/id/huawei/../harmonyos> .
                """;
        JsonNode problem = onlyProblem(importTurtle("dots.ttl", "text/turtle", text.getBytes(StandardCharsets.UTF_8)));
        assertThat(problem.get("line").asLong()).isEqualTo(5L);
        assertThat(problem.get("record").asString()).isEqualTo("dots-vendor");
        assertThat(problem.get("field").asString()).isEqualTo("develops");
        assertThat(problem.get("message").asString()).contains("'..'");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(count("MATCH (n:Resource {id: 'harmonyos'}) RETURN count(n)", Map.of())).isEqualTo(1);
    }
}
