package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiIT extends IntegrationTest {

    @Test
    void theApiDocumentListsTheMainPathsWithSummariesAndMentionsSparql() {
        Response r = get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        List<String> paths = new ArrayList<>(doc.get("paths").propertyNames());
        assertThat(paths).contains("/api/entities/{id}", "/api/entities/{id}/neighbors", "/api/paths", "/api/search",
                "/api/suggest", "/api/sources", "/api/sources/{id}", "/api/ontology", "/api/stats", "/api/cypher",
                "/api/questions", "/api/questions/{name}", "/api/export", "/api/imports", "/sparql");
        assertThat(doc.get("info").get("description").asString()).contains("/sparql");

        JsonNode neighbors = doc.get("paths").get("/api/entities/{id}/neighbors").get("get");
        assertThat(neighbors.get("summary").asString()).isNotBlank();
        List<String> described = new ArrayList<>();
        neighbors.get("parameters").forEach(p -> {
            assertThat(p.get("description").asString()).as(p.toString()).isNotBlank();
            described.add(p.get("name").asString());
        });
        assertThat(described).contains("id", "depth", "relation", "type", "limit", "cursor");
        assertThat(doc.get("paths").get("/sparql").get("get").get("summary").asString()).contains("SPARQL");
    }

    @Test
    void swaggerUiIsServed() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> ui = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/swagger-ui.html"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(ui.body()).contains("swagger-ui");
    }
}
