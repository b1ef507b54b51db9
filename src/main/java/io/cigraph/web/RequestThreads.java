package io.cigraph.web;

import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Tomcat's request threads, four per core unless {@code server.tomcat.threads.max} says otherwise
 * (Tomcat's own default is 200). Nearly every request here is work on the processor (graph reads
 * run in-process, on the request's thread), so threads beyond a few per core only take turns: on
 * two cores, 50 clients of mixed reads got 909 requests/s with p99 99 ms from 8 threads against
 * 723/s with p99 245 ms from 200, whose requests the system time-sliced against each other.
 * Connections beyond the threads wait in Tomcat's queue and are answered in order. A few threads a
 * core stay for requests that wait rather than compute (Cypher over Bolt, an upload being read).
 * Queries, exports and imports may hold all of them but one per core ({@link LongRequests}).
 */
@Configuration(proxyBeanMethods = false)
class RequestThreads implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    static final String SETTING = "server.tomcat.threads.max";
    static final int PER_CORE = 4;

    private final Environment environment;

    RequestThreads(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (environment.containsProperty(SETTING)) {
            return;
        }
        int threads = threads(environment);
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                protocol.setMaxThreads(threads);
            }
        });
    }

    /** Tomcat's request threads: the setting, or four per core. */
    static int threads(Environment environment) {
        return environment.getProperty(SETTING, Integer.class, PER_CORE * Runtime.getRuntime().availableProcessors());
    }

    /** With no setting, all the request threads but one per core (and at least one). */
    static int longRequestSlots(Environment environment, WebProperties.LongRequests setting) {
        if (setting.slots() > 0) {
            return setting.slots();
        }
        return Math.max(1, threads(environment) - Runtime.getRuntime().availableProcessors());
    }

    @Bean
    FilterRegistrationBean<LongRequests> longRequests(WebProperties properties) {
        WebProperties.LongRequests setting = properties.longRequests();
        LongRequests filter = new LongRequests(longRequestSlots(environment, setting), setting.maxWait());
        FilterRegistrationBean<LongRequests> bean = new FilterRegistrationBean<>(filter);
        bean.setName("longRequests");
        bean.addUrlPatterns(OpenApiConfiguration.SPARQL, "/api/cypher", "/api/questions/*", "/api/export",
                "/api/imports", "/api/imports/*", "/api/sources/*");
        // After CORS, so that a refusal carries its headers; before the SPARQL endpoint, itself a filter.
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return bean;
    }

    /** After Spring Boot's own customizer, which sets Tomcat's default. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
