package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RequestThreadsTests {

    private static int maxThreads(StandardEnvironment environment) {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        new RequestThreads(environment).customize(factory);
        Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        factory.getConnectorCustomizers().forEach(c -> c.customize(connector));
        return ((AbstractProtocol<?>) connector.getProtocolHandler()).getMaxThreads();
    }

    @Test
    void withoutTheSettingFourThreadsPerCore() {
        assertThat(maxThreads(new StandardEnvironment())).isEqualTo(4 * Runtime.getRuntime().availableProcessors());
    }

    @Test
    void theSettingIsLeftToSpringBoot() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("server.tomcat.threads.max", "50")));
        // Tomcat's own default stays on this connector: Spring Boot's customizer applies the setting, not this one.
        assertThat(maxThreads(environment)).isEqualTo(200);
    }
}
