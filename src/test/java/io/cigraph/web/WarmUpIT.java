package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

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

    @Test
    void theWarmUpsPathsQuestionIsAboutEndsWithAPathBetweenThem() {
        Response listed = post("/api/cypher", "application/json", WarmUp.IDS.getBytes(StandardCharsets.UTF_8), null);
        assertThat(listed.status()).isEqualTo(200);
        JsonNode rows = listed.json().get("rows");
        assertThat(rows.size()).isEqualTo(2);
        Response paths = get("/api/paths?from=" + rows.get(0).get(0).asString() + "&to=" + rows.get(1).get(0).asString());
        assertThat(paths.status()).isEqualTo(200);
        assertThat(paths.json().get("paths").size()).isPositive();
    }
}
