package io.cigraph.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses writes without the right API key. The refusal is an {@link ErrorResponseException},
 * so it reaches the caller as problem details like every other error.
 */
final class ApiKeyInterceptor implements HandlerInterceptor {

    static final String HEADER = "X-API-Key";
    private final byte[] key;

    ApiKeyInterceptor(String key) {
        this.key = key == null || key.isBlank() ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) || "OPTIONS".equals(request.getMethod())) {
            return true;
        }
        if (key == null) {
            throw refusal(HttpStatus.FORBIDDEN, "writes-disabled", "Writes disabled",
                    "This service has no API key configured, so it accepts no writes. Set cigraph.security.api-key to enable them.");
        }
        String given = request.getHeader(HEADER);
        if (given == null || !MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))) {
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
