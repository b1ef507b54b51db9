package io.cigraph.web;

import org.apache.coyote.AbstractProtocol;
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
        int threads = PER_CORE * Runtime.getRuntime().availableProcessors();
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                protocol.setMaxThreads(threads);
            }
        });
    }

    /** After Spring Boot's own customizer, which sets Tomcat's default. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
