package io.cigraph.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Health without the machine's paths for callers without the API key. Health indicators show
 * where their data lives (the RDF store's folder, Spring Boot's disk space check its path), which
 * tells an operator what to look at and an anonymous caller how the machine is laid out. Boot
 * can only show all details or none, and status with sizes is worth showing to anyone (it is
 * what tells when to compact the RDF store); so for a caller without the key, every detail whose
 * value is an absolute path is taken out of the answer, whichever indicator it comes from.
 */
final class HealthDetailsFilter extends OncePerRequestFilter {

    private static final Pattern ABSOLUTE_PATH = Pattern.compile("^(/|\\\\\\\\|[A-Za-z]:[\\\\/]|file:)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiKey key;

    HealthDetailsFilter(ApiKey key) {
        this.key = key;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (key.matches(request.getHeader(ApiKey.HEADER))) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, cached);
        String type = cached.getContentType();
        byte[] body = cached.getContentAsByteArray();
        if (type == null || !type.contains("json") || body.length == 0) {
            cached.copyBodyToResponse();
            return;
        }
        JsonNode tree = JSON.readTree(body);
        withoutPaths(tree);
        byte[] out = JSON.writeValueAsBytes(tree);
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
    }

    private static void withoutPaths(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> paths = new ArrayList<>();
            object.properties().forEach(e -> {
                if (e.getValue().isString() && ABSOLUTE_PATH.matcher(e.getValue().asString()).find()) {
                    paths.add(e.getKey());
                } else {
                    withoutPaths(e.getValue());
                }
            });
            paths.forEach(object::remove);
        } else if (node.isArray()) {
            node.forEach(HealthDetailsFilter::withoutPaths);
        }
    }
}
