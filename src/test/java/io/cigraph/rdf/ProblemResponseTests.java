package io.cigraph.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.coyote.CloseNowException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemResponseTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SparqlWatchdog watchdog = new SparqlWatchdog(Duration.ofMillis(300));
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/sparql");
    private final MockHttpServletResponse servlet = new MockHttpServletResponse();

    @AfterEach
    void stopWatchdog() {
        watchdog.close();
    }

    /** What Fuseki's ServletOps.responseSendError does with an error. */
    private static void fusekiError(ProblemResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentLength(message.length());
        response.setContentType("text/plain");
        response.setCharacterEncoding("utf-8");
        try (var out = response.getOutputStream()) {
            out.print(message);
        }
    }

    @Test
    void aPlainTextErrorBecomesAProblemDetailThatKeepsItsMessage() throws IOException {
        try (SparqlWatchdog.Deadline deadline = watchdog.start(request)) {
            ProblemResponse response = new ProblemResponse(servlet, deadline);
            fusekiError(response, 405, "HTTP method not allowed: PUT");
            response.finish(request);
        }
        assertThat(servlet.getStatus()).isEqualTo(405);
        assertThat(servlet.getContentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(servlet.getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.get("type").asString()).isEqualTo("https://w3id.org/cigraph/problems/method-not-allowed");
        assertThat(problem.get("detail").asString()).startsWith("HTTP method not allowed: PUT.").contains("POST /api/imports");
        assertThat(problem.get("instance").asString()).isEqualTo("/sparql");
    }

    @Test
    void aRemoteServiceThatFailedIsA502ThatSaysSo() throws IOException {
        try (SparqlWatchdog.Deadline deadline = watchdog.start(request)) {
            ProblemResponse response = new ProblemResponse(servlet, deadline);
            fusekiError(response, 502, "Unexpected error making the query: GET http://127.0.0.1:9/sparql");
            response.finish(request);
        }
        assertThat(servlet.getStatus()).isEqualTo(502);
        JsonNode problem = JSON.readTree(servlet.getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.get("type").asString()).endsWith("/service-failed");
        assertThat(problem.get("detail").asString()).contains("GET http://127.0.0.1:9/sparql", "SERVICE SILENT");
    }

    @Test
    void aProblemOurCodeRaisedWinsOverTheStatusAlone() throws IOException {
        request.setAttribute(SparqlProblem.class.getName(), SparqlProblem.readOnly());
        try (SparqlWatchdog.Deadline deadline = watchdog.start(request)) {
            ProblemResponse response = new ProblemResponse(servlet, deadline);
            fusekiError(response, 403, "whatever Fuseki says");
            response.finish(request);
        }
        JsonNode problem = JSON.readTree(servlet.getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.get("type").asString()).endsWith("/read-only");
        assertThat(problem.get("detail").asString()).contains("read-only", "POST /api/imports");
    }

    @Test
    void afterTheDeadlineWritesFailAbortsRunAndAnErrorIsATimeoutProblem() throws Exception {
        AtomicInteger aborted = new AtomicInteger();
        try (SparqlWatchdog.Deadline deadline = watchdog.start(request)) {
            deadline.onExpiry(aborted::incrementAndGet);
            ProblemResponse response = new ProblemResponse(servlet, deadline);
            var out = response.getOutputStream();
            out.write('x');
            assertThat(watchdog.running()).isEqualTo(1);
            Thread.sleep(600);
            assertThat(aborted).hasValue(1);
            assertThatThrownBy(() -> out.write('y')).isInstanceOf(IOException.class).hasMessageContaining("300 ms");
            fusekiError(response, 500, "Broken pipe");
            response.finish(request);
        }
        assertThat(watchdog.running()).isZero();
        assertThat(servlet.getStatus()).isEqualTo(503);
        assertThat(JSON.readTree(servlet.getContentAsString(StandardCharsets.UTF_8)).get("type").asString()).endsWith("/query-timeout");
    }

    @Test
    void anErrorAfterTheAnswerHasStartedClosesTheConnectionRatherThanEndingTheAnswerQuietly() throws IOException {
        try (SparqlWatchdog.Deadline deadline = watchdog.start(request)) {
            ProblemResponse response = new ProblemResponse(servlet, deadline);
            response.setStatus(200);
            response.getOutputStream().print("<urn:a> <urn:b> <urn:c> .\n");
            response.flushBuffer();
            fusekiError(response, 503, "Query timed out");
            assertThatThrownBy(() -> response.finish(request)).isInstanceOf(CloseNowException.class);
        }
        assertThat(servlet.getStatus()).isEqualTo(200);
        assertThat(servlet.getContentAsString()).isEqualTo("<urn:a> <urn:b> <urn:c> .\n");
    }
}
