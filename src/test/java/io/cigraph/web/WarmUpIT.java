package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class WarmUpIT extends IntegrationTest {

    @Autowired
    WarmUp warmUp;

    @Test
    void theWarmUpAsksEveryReadEndpointAboutEntitiesOfTheGraphAndEachAnswers() {
        var answers = warmUp.warm(URI.create("http://127.0.0.1:" + port));
        assertThat(answers.keySet()).contains("GET /api/search", "GET /api/suggest", "POST /sparql", "POST /api/cypher",
                "GET /api/paths");
        assertThat(answers.keySet()).anyMatch(k -> k.matches("GET /api/entities/[^/]+"))
                .anyMatch(k -> k.matches("GET /api/entities/[^/]+/neighbors"));
        assertThat(answers.values()).allMatch(status -> status == 200);
    }
}
