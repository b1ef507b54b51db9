package io.cigraph.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot's error page ({@code /error}, where the container sends an error that no handler
 * answered: a filter's failure, a {@code sendError} outside Spring MVC) answers problem details,
 * whatever the caller accepts, instead of Boot's own JSON or its HTML page. Being an
 * {@link ErrorController}, it replaces Boot's.
 */
@RestController
class ErrorPageController implements ErrorController {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPageController.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 404;
        Object cause = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (cause instanceof Throwable t) {
            LOG.warn("{} for {}: {}", status, request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), t.toString());
        }
        ProblemDetail p = ErrorResponses.problem(status);
        // What a servlet said with sendError (the SPARQL protocol's parser messages) is the useful part.
        if (request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message && !message.isBlank()) {
            p.setDetail(message);
        }
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            p.setInstance(java.net.URI.create("/").resolve(safe(uri)));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static String safe(String uri) {
        try {
            return java.net.URI.create(uri).getRawPath();
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
