package io.cigraph.web;

import io.cigraph.graph.CypherSyntaxException;
import io.cigraph.graph.GraphBusyException;
import io.cigraph.graph.InvalidQueryException;
import io.cigraph.graph.QueryTimeoutException;
import io.cigraph.graph.ReadOnlyViolationException;
import io.cigraph.graph.UnknownResourceException;
import io.cigraph.importing.ImportRejectedException;
import io.cigraph.importing.UploadTooLargeException;
import io.cigraph.search.InvalidSearchException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import jakarta.servlet.http.HttpServletResponse;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.TransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error as RFC 9457 problem details with a {@code type} to branch on and a {@code detail}
 * that says what to change. Spring's own errors (missing or mistyped parameters, unknown paths,
 * wrong media types) come through the base class in the same form. Never a stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    static final String TYPES = "https://w3id.org/cigraph/problems/";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final NearNames nearNames;
    private final org.springframework.core.env.Environment environment;

    ProblemDetailsAdvice(NearNames nearNames, org.springframework.core.env.Environment environment) {
        this.nearNames = nearNames;
        this.environment = environment;
    }

    /** With {@code suggestions}, the entities named nearest the id, when it was a resource's id. */
    @ExceptionHandler
    ProblemDetail unknownResource(UnknownResourceException e) {
        List<NearNames.NearName> near = nearNames.of(e);
        ProblemDetail p = problem(HttpStatus.NOT_FOUND, "unknown-resource", "Unknown resource",
                e.getMessage() + NearNames.sentence(near));
        p.setProperty("id", e.id());
        if (e.resource()) {
            p.setProperty("suggestions", near);
        }
        return p;
    }

    @ExceptionHandler
    ProblemDetail invalidQuery(InvalidQueryException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", e.getMessage());
        p.setProperty("parameter", e.parameter());
        return p;
    }

    @ExceptionHandler
    ProblemDetail invalidParameter(InvalidParameterException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", e.getMessage());
        p.setProperty("parameter", e.parameter());
        return p;
    }

    @ExceptionHandler
    ProblemDetail invalidSearch(InvalidSearchException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", e.getMessage());
        p.setProperty("parameter", e.parameter());
        return p;
    }

    @ExceptionHandler
    ProblemDetail importRejected(ImportRejectedException e) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "import-rejected", "Import rejected",
                "The file " + e.file() + " was rejected as a whole: " + e.problems().size()
                        + " problem(s), listed in 'problems'. Nothing was written.");
        p.setProperty("file", e.file());
        p.setProperty("problems", e.problems());
        return p;
    }

    @ExceptionHandler
    ProblemDetail uploadTooLarge(UploadTooLargeException e) {
        ProblemDetail p = problem(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Upload too large", e.getMessage());
        p.setProperty("limit", e.limit());
        p.setProperty("setting", UploadTooLargeException.SETTING);
        return p;
    }

    @ExceptionHandler({ServiceUnavailableException.class, TransientException.class})
    ProblemDetail graphUnavailable(RuntimeException e) {
        LOG.warn("Graph unavailable: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "graph-unavailable", "Graph unavailable",
                "The graph database did not answer in time or is unreachable: " + e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail graphBusy(GraphBusyException e, HttpServletResponse response) {
        response.setHeader("Retry-After", RETRY_AFTER);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "graph-busy", "Graph busy", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail readOnly(ReadOnlyViolationException e) {
        ProblemDetail p = problem(HttpStatus.FORBIDDEN, "read-only", "Read-only endpoint", e.getMessage());
        p.setProperty("queryType", e.queryType());
        return p;
    }

    /** Cypher that is not Cypher, or too long or deep to be parsed: where, in the caller's own text. */
    @ExceptionHandler
    ProblemDetail invalidCypher(CypherSyntaxException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-cypher", "Invalid Cypher", e.getMessage());
        p.setProperty("line", e.line());
        p.setProperty("column", e.column());
        if (e.neo4jCode() != null) {
            p.setProperty("neo4jCode", e.neo4jCode());
        }
        return p;
    }

    @ExceptionHandler
    ProblemDetail queryTimeout(QueryTimeoutException e, HttpServletResponse response) {
        response.setHeader("Retry-After", RETRY_AFTER);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "query-timeout", "Query timed out", e.getMessage());
    }

    /** Seconds after which a query refused for lack of time or connections may be tried again. */
    private static final String RETRY_AFTER = "5";

    /**
     * Neo4j's own refusals keep its status code: a write in a read transaction is 403, a query
     * that ran out of time 503 (as SPARQL timeouts), anything else the caller's error, 400. The
     * driver reports a pool with no free connection as a client error too: that is the service
     * being busy, 503.
     */
    @ExceptionHandler
    ProblemDetail graphClientError(ClientException e, HttpServletResponse response) {
        LOG.warn("Neo4j refused a query: {} {}", e.code(), e.getMessage());
        String code = String.valueOf(e.code());
        ProblemDetail p;
        if (String.valueOf(e.getMessage()).startsWith("Unable to acquire connection")) {
            response.setHeader("Retry-After", RETRY_AFTER);
            p = problem(HttpStatus.SERVICE_UNAVAILABLE, "graph-busy", "Graph busy",
                    "Every connection to the graph database is in use: try again in a few seconds.");
        } else if (code.contains("AccessMode") || code.contains("Forbidden")) {
            p = problem(HttpStatus.FORBIDDEN, "read-only", "Read-only endpoint", e.getMessage());
        } else if (code.contains("TransactionTimedOut")) {
            response.setHeader("Retry-After", RETRY_AFTER);
            p = problem(HttpStatus.SERVICE_UNAVAILABLE, "query-timeout", "Query timed out",
                    "The query ran longer than its timeout and was stopped: " + e.getMessage());
        } else {
            p = problem(HttpStatus.BAD_REQUEST, "graph-query-refused", "Query refused by the graph", e.getMessage());
        }
        p.setProperty("neo4jCode", e.code());
        return p;
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        LOG.error("Unexpected error, incident {}", incident, e);
        ProblemDetail p = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side. Quote incident " + incident + " when reporting it.");
        p.setProperty("incident", incident);
        return p;
    }

    /**
     * Spring's own refusals (unknown path, wrong method or media type, missing or mistyped
     * parameter) get a type of ours rather than {@code about:blank}, and where Spring's detail does
     * not say what to do, one that does: the methods or media types that are accepted.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        // Spring fills the body of its own exceptions in the base method, so the answer is adjusted after it.
        ResponseEntity<Object> answer = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail p) {
            if (p.getType() == null || "about:blank".equals(p.getType().toString())) {
                p.setType(URI.create(TYPES + ErrorResponses.typeOf(statusCode.value())));
            }
            switch (ex) {
                case HttpRequestMethodNotSupportedException e when e.getSupportedMethods() != null -> {
                    p.setDetail("The method " + e.getMethod() + " is not allowed here: use "
                            + String.join(" or ", e.getSupportedMethods()) + ".");
                    p.setProperty("allowed", List.of(e.getSupportedMethods()));
                }
                case org.springframework.web.multipart.MaxUploadSizeExceededException e -> {
                    // A multipart upload the container stopped at the limit, before the import saw it:
                    // the same answer as a body the import stopped. The limit enforced is Spring's
                    // multipart setting, which application.yaml sets from cigraph.import.max-upload-size.
                    org.springframework.util.unit.DataSize limit = environment.getProperty(
                            "spring.servlet.multipart.max-request-size", org.springframework.util.unit.DataSize.class,
                            org.springframework.util.unit.DataSize.ofBytes(e.getMaxUploadSize()));
                    UploadTooLargeException same = new UploadTooLargeException(limit.toBytes());
                    p.setType(URI.create(TYPES + "upload-too-large"));
                    p.setTitle("Upload too large");
                    p.setDetail(same.getMessage());
                    p.setProperty("limit", same.limit());
                    p.setProperty("setting", UploadTooLargeException.SETTING);
                }
                case ImportController.UnsupportedPartException e -> {
                    p.setDetail(e.getBody().getDetail());
                    p.setProperty("accepted", e.getSupportedMediaTypes().stream().map(MediaType::toString).toList());
                }
                case HttpMediaTypeNotSupportedException e -> {
                    List<String> accepted = e.getSupportedMediaTypes().stream().map(MediaType::toString).toList();
                    String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
                    p.setDetail(e.getContentType() == null && sent != null
                            ? "The Content-Type '" + sent + "' cannot be read (a charset this service does not know, or"
                                    + " a malformed value): send " + String.join(" or ", accepted)
                                    + ", in UTF-8 or with a standard charset such as ISO-8859-1."
                            : "The Content-Type " + (sent == null ? "(none)" : "'" + sent + "'") + " is not accepted here: send "
                                    + String.join(" or ", accepted) + ".");
                    p.setProperty("accepted", accepted);
                }
                case HttpMediaTypeNotAcceptableException e -> {
                    List<String> produced = e.getSupportedMediaTypes().stream().map(MediaType::toString).toList();
                    p.setDetail("This answer cannot be given in the types the Accept header asks for: accept "
                            + String.join(" or ", produced) + ".");
                    p.setProperty("produced", produced);
                }
                case NoResourceFoundException e -> p.setDetail(ErrorResponses.NOT_FOUND);
                default -> {
                }
            }
        }
        return answer;
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPES + type));
        p.setTitle(title);
        return p;
    }
}
