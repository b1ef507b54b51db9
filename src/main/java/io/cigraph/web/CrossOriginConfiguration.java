package io.cigraph.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS for reads from pages of the configured origins, off when none is configured. A servlet
 * filter rather than Spring MVC's CORS support, because {@code /sparql} is itself a filter
 * (Fuseki's) that answers before MVC is reached: this one runs first and answers preflights for
 * both. Only the headers a read needs are allowed, not {@code X-API-Key}, so a browser never lets a
 * page of another origin send an import, even with the key.
 * <p>
 * A request from an origin not listed is served as any other, only without CORS headers, so the
 * browser keeps the answer from the page (Spring would refuse it with 403). That leaves alone
 * clients that send {@code Origin} without being pages of another site, such as this service's
 * own pages behind a proxy that changes the host. Only a preflight it cannot allow is refused.
 */
@Configuration(proxyBeanMethods = false)
class CrossOriginConfiguration {

    /** Headers the SPARQL endpoint and exports answer with that a browser client may want to read. */
    private static final List<String> EXPOSED = List.of("X-Result-Limit", "Content-Disposition");

    @Bean
    FilterRegistrationBean<CorsFilter> crossOrigin(WebProperties properties) {
        List<String> origins = properties.cors().allowedOrigins();
        CorsConfiguration reads = new CorsConfiguration();
        reads.setAllowedOriginPatterns(origins);
        reads.setAllowedMethods(List.of("GET", "HEAD", "POST"));
        reads.setAllowedHeaders(List.of("Accept", "Content-Type"));
        reads.setExposedHeaders(EXPOSED);
        reads.setMaxAge(Duration.ofMinutes(30));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", reads);
        source.registerCorsConfiguration(OpenApiConfiguration.SPARQL, reads);
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ReadsProcessor());
        FilterRegistrationBean<CorsFilter> bean = new FilterRegistrationBean<>(filter);
        bean.setName("crossOrigin");
        // Off without origins: a CorsFilter with no origin would still answer every preflight itself.
        bean.setEnabled(!origins.isEmpty());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return bean;
    }

    /** Spring's processor, but an origin not listed gets no headers rather than a 403, and a refusal is a problem detail. */
    private static final class ReadsProcessor extends DefaultCorsProcessor {

        private static final byte[] REFUSED = """
                {"type": "https://w3id.org/cigraph/problems/cross-origin-refused", "title": "Cross-origin request refused", \
                "status": 403, "detail": "Pages of this origin may not call the service, or not this way: only the origins in \
                cigraph.web.cors.allowed-origins may, with GET, HEAD or POST and the headers Accept and Content-Type."}
                """.getBytes(StandardCharsets.UTF_8);

        @Override
        protected boolean handleInternal(ServerHttpRequest request, ServerHttpResponse response, CorsConfiguration config,
                                         boolean preFlight) throws IOException {
            if (!preFlight && checkOrigin(config, request.getHeaders().getOrigin()) == null) {
                return true;
            }
            return super.handleInternal(request, response, config, preFlight);
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            response.getBody().write(REFUSED);
            response.flush();
        }
    }
}
