package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** How the running service serves: its request threads, and no bookkeeping for metrics nobody reads. */
class ServingIT extends IntegrationTest {

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    MeterRegistry meters;

    @Test
    void tomcatHasFourThreadsPerCoreAndAnswersMoreClientsThanThat() {
        int threads = RequestThreads.PER_CORE * Runtime.getRuntime().availableProcessors();
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        assertThat(((AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler()).getMaxThreads())
                .isEqualTo(threads);

        List<CompletableFuture<Response>> answers = new ArrayList<>();
        for (int i = 0; i < threads * 4; i++) {
            String path = i % 2 == 0 ? "/api/entities/huawei/neighbors?depth=2" : "/api/search?q=NearLink";
            answers.add(CompletableFuture.supplyAsync(() -> get(path)));
        }
        assertThat(answers.stream().map(CompletableFuture::join).map(Response::status)).containsOnly(200);
    }

    @Test
    void requestsAreNotTimedForMetricsThatAreNotExposed() {
        assertThat(get("/api/search?q=HarmonyOS").status()).isEqualTo(200);
        assertThat(get("/actuator/metrics").status()).isEqualTo(404);
        assertThat(meters.find("http.server.requests").meters()).isEmpty();
    }
}
