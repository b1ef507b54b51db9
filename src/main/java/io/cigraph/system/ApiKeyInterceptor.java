package io.cigraph.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses writes without the right API key. The refusal is an {@link ErrorResponseException},
 * so it reaches the caller as problem details like every other error.
 */
final class ApiKeyInterceptor implements HandlerInterceptor {

    static final String HEADER = ApiKey.HEADER;
    private final ApiKey key;

    ApiKeyInterceptor(ApiKey key) {
        this.key = key;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) || "OPTIONS".equals(request.getMethod())) {
            return true;
        }
        if (!key.configured()) {
            throw refusal(HttpStatus.FORBIDDEN, "writes-disabled", "Writes disabled",
                    "This service has no API key configured, so it accepts no writes. Set cigraph.security.api-key to enable them.");
        }
        if (!key.matches(request.getHeader(HEADER))) {
            throw refusal(HttpStatus.UNAUTHORIZED, "api-key-required", "API key required",
                    "Writing needs the service's API key in the " + HEADER + " header.");
        }
        return true;
    }

    private static ErrorResponseException refusal(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://w3id.org/cigraph/problems/" + type));
        p.setTitle(title);
        return new ErrorResponseException(status, p, null);
    }
}
