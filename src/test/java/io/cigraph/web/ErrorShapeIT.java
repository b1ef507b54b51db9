package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every error of every endpoint has one shape, problem details, whoever answers it (a controller,
 * Spring MVC, Spring Boot's error page or Tomcat itself), and tells an anonymous caller nothing
 * about the machine's folders.
 */
class ErrorShapeIT extends IntegrationTest {

    /** Where the service runs: every data folder of the tests is under it. */
    private static final String MACHINE_PATH = Path.of("").toAbsolutePath().toString();

    /** A bad request as sent on the wire, and the status it must get. */
    private record Bad(String what, int status, String request) {

        static Bad get(String what, int status, String target) {
            return new Bad(what, status, "GET " + target + " HTTP/1.1\r\n");
        }

        static Bad send(String what, int status, String method, String target, String contentType, String body) {
            return new Bad(what, status, method + " " + target + " HTTP/1.1\r\nContent-Type: " + contentType
                    + "\r\nX-API-Key: " + API_KEY + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n" + body);
        }
    }

    private static final List<Bad> BAD_REQUESTS = List.of(
            Bad.get("a lone percent sign", 400, "/%"),
            Bad.get("an encoded NUL", 400, "/a%00b"),
            Bad.get("a path parameter that climbs", 400, "/..;/"),
            Bad.get("dot segments above the root", 400, "/api/../../etc/passwd"),
            Bad.get("an encoded slash", 400, "/api/entities/a%2Fb"),
            Bad.get("an over-long URI", 400, "/api/search?q=" + "x".repeat(20_000)),
            new Bad("an over-long header", 400, "GET /api/stats HTTP/1.1\r\nX-Filler: " + "x".repeat(20_000) + "\r\n"),
            Bad.get("an unknown route", 404, "/no/such/route"),
            new Bad("an unknown route asked for as HTML", 404, "GET /nothing-here HTTP/1.1\r\nAccept: text/html\r\n"),
            Bad.get("an unknown actuator endpoint", 404, "/actuator/nope"),
            Bad.get("the error page itself", 404, "/error"),
            Bad.get("an unknown entity", 404, "/api/entities/no-such-entity"),
            Bad.get("an unknown saved question", 404, "/api/questions/no-such-question"),
            new Bad("a method an entity does not take", 405, "DELETE /api/entities/huawei HTTP/1.1\r\n"),
            new Bad("a method search does not take", 405, "POST /api/search HTTP/1.1\r\nContent-Length: 0\r\n"),
            Bad.send("PUT on the import endpoint", 405, "PUT", "/api/imports", "text/turtle", "x"),
            Bad.send("JSON sent to the import endpoint", 415, "POST", "/api/imports", "application/json", "{}"),
            Bad.send("an unparseable content type", 415, "POST", "/api/imports", "text/turtle; charset=\"", "x"),
            Bad.get("a depth that is not a number", 400, "/api/entities/huawei/neighbors?depth=abc"),
            Bad.get("a depth out of range", 400, "/api/entities/huawei/neighbors?depth=99"),
            Bad.get("a path without its end", 400, "/api/paths?from=huawei"),
            Bad.get("a search without text", 400, "/api/search"),
            Bad.get("a limit that is not a number", 400, "/api/suggest?q=hua&limit=many"),
            Bad.get("an unknown export format", 400, "/api/export?format=docx"),
            Bad.get("an unknown type filter", 400, "/api/search?q=huawei&type=NoSuchClass"));

    @Test
    void everyBadRequestIsAProblemDetailWithATypeAndADetailAndNoMachinePath() {
        SoftAssertions softly = new SoftAssertions();
        for (Bad bad : BAD_REQUESTS) {
            Raw r = raw(bad.request());
            String what = bad.what() + ": " + r;
            softly.assertThat(r.status()).as(what).isEqualTo(bad.status());
            softly.assertThat(r.contentType()).as(what).startsWith("application/problem+json");
            softly.assertThat(r.body()).as(what).doesNotContain(MACHINE_PATH, "Exception", "<html", "Tomcat");
            if (r.contentType().contains("json")) {
                JsonNode json = JSON.readTree(r.body());
                softly.assertThat(json.path("type").asString("")).as(what).startsWith("https://w3id.org/cigraph/problems/");
                softly.assertThat(json.path("detail").asString("")).as(what).isNotBlank();
                softly.assertThat(json.path("status").asInt()).as(what).isEqualTo(bad.status());
            }
        }
        softly.assertAll();
    }

    @Test
    void aWrongMethodNamesTheAllowedOnesAndAWrongMediaTypeTheAcceptedOnes() {
        Raw wrongMethod = raw("DELETE /api/entities/huawei HTTP/1.1\r\n");
        assertThat(JSON.readTree(wrongMethod.body()).get("detail").asString()).contains("GET");
        assertThat(wrongMethod.head().toLowerCase(Locale.ROOT)).contains("allow: get");

        Raw wrongType = raw(Bad.send("", 415, "POST", "/api/imports", "application/json", "{}").request());
        JsonNode json = JSON.readTree(wrongType.body());
        assertThat(json.get("detail").asString()).contains("application/json", "text/turtle");
        assertThat(json.get("accepted").toString()).contains("text/turtle");
    }

    @Test
    void healthShowsStatusAndSizesToAnyoneAndFoldersOnlyWithTheApiKey() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://localhost:" + port + "/actuator/health");
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(anonymous.body());
        assertThat(json.get("status").asString()).isEqualTo("UP");
        assertThat(json.at("/components/tdb2/details/bytesOnDisk").asLong()).isPositive();
        assertThat(anonymous.body()).doesNotContain(MACHINE_PATH);

        HttpResponse<String> withKey = http.send(HttpRequest.newBuilder(health).header("X-API-Key", API_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withKey.body()).contains(MACHINE_PATH);
        assertThat(JSON.readTree(withKey.body()).at("/components/tdb2/details/folder").asString()).startsWith(MACHINE_PATH);
    }

    /** An answer as read off the wire. */
    private record Raw(int status, String head, String contentType, String body) {

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /** Sends bytes as they are (an HTTP client would refuse or repair many of these), closing after the answer. */
    private Raw raw(String request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = request.contains("\r\n\r\n") ? request.replaceFirst("\r\n", "\r\nHost: localhost\r\nConnection: close\r\n")
                    : request + "Host: localhost\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            String headers = split < 0 ? answer : answer.substring(0, split);
            String body = split < 0 ? "" : answer.substring(split + 4);
            if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            int status = headers.length() >= 12 ? Integer.parseInt(headers.substring(9, 12)) : -1;
            String contentType = headers.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            return new Raw(status, headers, contentType, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // The server may reset a connection whose request it refused; what came is the answer.
        }
        return bytes.toByteArray();
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            // Sizes count bytes; these bodies are ASCII JSON.
            body.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
        return body.toString();
    }
}
