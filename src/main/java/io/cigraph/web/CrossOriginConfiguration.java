package io.cigraph.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS for reads from pages of the configured origins, off when none is configured. A servlet
 * filter rather than Spring MVC's CORS support, because {@code /sparql} is itself a filter
 * (Fuseki's) that answers before MVC is reached: this one runs first and answers preflights for
 * both. Only the headers a read needs are allowed, not {@code X-API-Key}, so a browser never lets a
 * page of another origin send an import, even with the key.
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
        FilterRegistrationBean<CorsFilter> bean = new FilterRegistrationBean<>(new CorsFilter(source));
        bean.setName("crossOrigin");
        // Off without origins: a CorsFilter with no origin would still answer every preflight itself.
        bean.setEnabled(!origins.isEmpty());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return bean;
    }
}
