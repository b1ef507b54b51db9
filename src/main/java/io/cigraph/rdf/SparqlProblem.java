package io.cigraph.rdf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.QueryParseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An error of {@code /sparql} as an RFC 9457 problem detail, the form every other endpoint
 * answers errors in. Fuseki reports errors as a status and a plain-text message; where our own
 * code knows more (a parse error's line and column, a refused {@code SERVICE}), it records the
 * problem on the request before handing Fuseki the status ({@link #raise}), and
 * {@link ProblemResponse} writes it. Anything else is made a problem from Fuseki's status and
 * message ({@link #fromStatus}).
 */
record SparqlProblem(int status, String type, String title, String detail, Map<String, Object> properties) {

    static final String TYPES = "https://w3id.org/cigraph/problems/";
    static final String MEDIA_TYPE = "application/problem+json";
    private static final String ATTRIBUTE = SparqlProblem.class.getName();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)", Pattern.CASE_INSENSITIVE);

    SparqlProblem {
        properties = Map.copyOf(properties);
    }

    SparqlProblem(int status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    static SparqlProblem invalidQuery(QueryParseException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        // For a token the grammar did not expect, the exception's own position is the token before
        // it; the message names the unexpected token's, which is where the caller must look.
        Matcher at = POSITION.matcher(message);
        boolean named = at.find();
        int line = named ? Integer.parseInt(at.group(1)) : e.getLine();
        int column = named ? Integer.parseInt(at.group(2)) : e.getColumn();
        return new SparqlProblem(400, "invalid-query", "Invalid SPARQL query",
                "The query does not parse at line " + line + ", column " + column + ": " + message
                        + " Correct the query there (the prefixes kg:, res:, rdf:, rdfs:, owl:, xsd:, skos: and"
                        + " dcterms: need no PREFIX line).",
                Map.of("line", line, "column", column));
    }

    static SparqlProblem readOnly() {
        return new SparqlProblem(403, "read-only", "Read-only endpoint",
                "SPARQL Update is not accepted: this endpoint is read-only. The graph changes only through imports"
                        + " (POST /api/imports); send queries (SELECT, ASK, CONSTRUCT, DESCRIBE) as query=.");
    }

    static SparqlProblem serviceNotAllowed(ServicePolicy.ServiceNotAllowedException e) {
        return new SparqlProblem(400, "service-not-allowed", "SERVICE not allowed", e.getMessage(),
                Map.of("endpoint", e.endpoint()));
    }

    static SparqlProblem timeout(Duration timeout) {
        return new SparqlProblem(503, "query-timeout", "Query timed out",
                "The request ran longer than its timeout (" + timeout.toMillis() + " ms, cigraph.rdf.query-timeout;"
                        + " a timeout= parameter can only shorten it) and was stopped. Narrow the patterns, add a"
                        + " LIMIT, or read a smaller graph.");
    }

    /** The problem for a status and message that Fuseki (or the servlet container) produced. */
    static SparqlProblem fromStatus(int status, String message, Duration timeout) {
        String said = message == null || message.isBlank() ? "" : message.strip() + ". ";
        return switch (status) {
            case 503 -> timeout(timeout);
            case 405 -> new SparqlProblem(405, "method-not-allowed", "Method not allowed", said
                    + "/sparql is read-only: Graph Store writes are not accepted and the graph changes only through"
                    + " imports (POST /api/imports). Read a graph with GET ?graph=<iri>, or query with query=.");
            case 404 -> new SparqlProblem(404, "not-found", "Not found", said
                    + "Query with query=, read a named graph with GET ?graph=<iri> (the graphs are listed by"
                    + " GET /sparql), or GET /sparql for the service description.");
            case 415 -> new SparqlProblem(415, "unsupported-media-type", "Unsupported media type", said
                    + "Send a query as a body of type application/sparql-query, or as query= in a form"
                    + " (application/x-www-form-urlencoded) or the URL.");
            case 406 -> new SparqlProblem(406, "not-acceptable", "Not acceptable", said
                    + "Ask for SELECT and ASK results as JSON, XML, CSV or TSV, and for graphs as Turtle, JSON-LD"
                    + " or N-Triples.");
            case 502 -> new SparqlProblem(502, "service-failed", "SERVICE endpoint failed", said
                    + "An endpoint the query calls with SERVICE did not answer usably. Check that it is up and"
                    + " answers SPARQL results, or use SERVICE SILENT to go on without it.");
            case 422 -> new SparqlProblem(422, "query-denied", "Query denied", said
                    + "Change the query so that it needs nothing this endpoint refuses.");
            default -> status >= 500
                    ? new SparqlProblem(status, "internal-error", "Internal error", said
                    + "The store failed to answer. Retry; if it persists, report it with the query.")
                    : new SparqlProblem(status, "invalid-request", "Invalid request", said
                    + "Send query= by GET or form POST, or a body of type application/sparql-query, as the"
                    + " SPARQL 1.1 Protocol describes.");
        };
    }

    /** Records this problem for the request and ends Fuseki's handling of it with its status. */
    void raise(HttpAction action) {
        action.getRequest().setAttribute(ATTRIBUTE, this);
        ServletOps.error(status, detail);
    }

    /** The problem {@link #raise} recorded for the request, if the status is still its status. */
    static SparqlProblem recorded(jakarta.servlet.ServletRequest request, int status) {
        return request.getAttribute(ATTRIBUTE) instanceof SparqlProblem p && p.status == status ? p : null;
    }

    byte[] json(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPES + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        body.putAll(properties);
        return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }
}
