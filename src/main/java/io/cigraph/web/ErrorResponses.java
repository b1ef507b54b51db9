package io.cigraph.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details for errors that carry nothing but a status: those Tomcat answers itself and
 * those that reach Spring Boot's {@code /error} page. Their detail is written for the status
 * alone: the container's own message can name classes or folders, and is logged instead.
 */
final class ErrorResponses {

    static final String NOT_FOUND = "Nothing is served at this path: check it against the API, such as"
            + " /api/entities/{id}, /api/search?q= or /api/ontology.";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ErrorResponses() {
    }

    /** The last segment of a problem type for a status with no type of its own: its reason, as a slug. */
    static String typeOf(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "http-" + status : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static ProblemDetail problem(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(known == null ? HttpStatus.valueOf(status >= 500 ? 500 : 400) : known,
                detailOf(status));
        p.setStatus(status);
        p.setType(URI.create(ProblemDetailsAdvice.TYPES + typeOf(status)));
        p.setTitle(known == null ? "HTTP " + status : known.getReasonPhrase());
        return p;
    }

    private static String detailOf(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: its path (such as an invalid %-escape, an encoded NUL or slash, or"
                    + " a '..' segment), its query, its headers or its body. Check it against the API and send it again.";
            case 401, 403 -> "This needs the service's API key in the X-API-Key header.";
            case 404 -> NOT_FOUND;
            case 405 -> "This method is not allowed on this path; the Allow header lists those that are.";
            case 408 -> "The request took too long to arrive: send it again.";
            case 413 -> "The request body is too large for this endpoint: send a smaller one.";
            case 414 -> "The URI is too long: send the parameters in a shorter query, or in the body where the endpoint takes one.";
            case 415 -> "This Content-Type is not accepted here: see the API for the types each endpoint takes.";
            case 431 -> "The request's headers are too large: send fewer or shorter headers.";
            case 503 -> "The service cannot answer now: try again in a moment.";
            default -> status >= 500 ? "Something went wrong on our side; the service log has the cause."
                    : "The request cannot be served as sent: check it against the API.";
        };
    }

    /** The problem as JSON, for writers that have no Spring message converter (Tomcat's error valve). */
    static String json(ProblemDetail p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.getType().toString());
        body.put("title", p.getTitle());
        body.put("status", p.getStatus());
        body.put("detail", p.getDetail());
        return JSON.writeValueAsString(body);
    }
}
