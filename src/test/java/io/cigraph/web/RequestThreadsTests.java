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

    @Test
    void longRequestsMayHoldAllTheThreadsButOnePerCoreUnlessSet() {
        int cores = Runtime.getRuntime().availableProcessors();
        WebProperties.LongRequests automatic = new WebProperties.LongRequests(0, java.time.Duration.ofMillis(250));
        assertThat(RequestThreads.longRequestSlots(new StandardEnvironment(), automatic)).isEqualTo(3 * cores);
        StandardEnvironment fifty = new StandardEnvironment();
        fifty.getPropertySources().addFirst(new MapPropertySource("test", Map.of("server.tomcat.threads.max", "50")));
        assertThat(RequestThreads.longRequestSlots(fifty, automatic)).isEqualTo(50 - cores);
        StandardEnvironment one = new StandardEnvironment();
        one.getPropertySources().addFirst(new MapPropertySource("test", Map.of("server.tomcat.threads.max", "1")));
        assertThat(RequestThreads.longRequestSlots(one, automatic)).isEqualTo(1);
        assertThat(RequestThreads.longRequestSlots(fifty, new WebProperties.LongRequests(3, java.time.Duration.ZERO))).isEqualTo(3);
    }
}
