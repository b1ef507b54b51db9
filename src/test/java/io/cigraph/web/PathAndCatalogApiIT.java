package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PathAndCatalogApiIT extends IntegrationTest {

    @Test
    void nearLinkReachesTheWatchWithinThreeHopsWithProvenanceOnEveryEdge() {
        Response r = get("/api/paths?from=nearlink&to=huawei-watch-gt-4&maxHops=3&limit=5");
        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> paths = list(r.json().get("paths"));
        assertThat(paths).isNotEmpty();
        JsonNode shortest = paths.getFirst();
        assertThat(shortest.get("length").asInt()).isBetween(1, 3);
        List<JsonNode> nodes = list(shortest.get("nodes"));
        assertThat(nodes.getFirst().get("id").asString()).isEqualTo("nearlink");
        assertThat(nodes.getLast().get("id").asString()).isEqualTo("huawei-watch-gt-4");
        assertThat(nodes).hasSize(shortest.get("length").asInt() + 1);
        for (JsonNode path : paths) {
            assertThat(path.get("length").asInt()).isLessThanOrEqualTo(3);
            for (JsonNode edge : path.get("edges")) {
                assertThat(edge.get("provenance").get("source").get("id").asString()).isNotBlank();
                assertThat(edge.get("provenance").get("source").get("title").asString()).as("the cited source's title")
                        .isNotBlank();
                assertThat(edge.get("provenance").get("evidence").asString()).isNotBlank();
            }
        }
    }

    @Test
    void aPathThroughAnObservationShowsTheObservationsSourceOnItsLinks() {
        JsonNode found = get("/api/paths?from=huawei&to=wearables&maxHops=2&limit=10").json();
        List<JsonNode> edges = list(found.get("paths")).stream().flatMap(p -> list(p.get("edges")).stream()).toList();
        assertThat(edges).anySatisfy(e -> assertThat(e.get("predicate").asString()).isEqualTo("observationOf"));
        assertThat(edges).allSatisfy(e -> {
            assertThat(e.get("provenance").get("source").get("title").asString()).as(e.toString()).isNotBlank();
            assertThat(e.get("provenance").get("evidence").asString()).as(e.toString()).isNotBlank();
        });
    }

    @Test
    void endsThatAreNotConnectedWithinTheHopsHaveNoPathRatherThanAnError() {
        Response r = get("/api/paths?from=nearlink&to=huawei-watch-gt-4&maxHops=1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(list(r.json().get("paths"))).isEmpty();
    }

    @Test
    void aRelationFilterKeepsOnlyPathsThroughThoseRelations() {
        List<JsonNode> any = list(get("/api/paths?from=nearlink&to=huawei-watch-gt-4&maxHops=3&limit=20").json().get("paths"));
        assertThat(any.stream().flatMap(p -> list(p.get("edges")).stream()).map(e -> e.get("predicate").asString()))
                .as("without a filter, paths go through other relations too").anyMatch(p -> !p.equals("develops"));
        for (String relation : List.of("develops", "developedBy")) {
            Response r = get("/api/paths?from=nearlink&to=huawei-watch-gt-4&maxHops=3&limit=20&relation=" + relation);
            assertThat(r.status()).isEqualTo(200);
            List<JsonNode> paths = list(r.json().get("paths"));
            assertThat(paths).as(relation).isNotEmpty();
            assertThat(paths.stream().flatMap(p -> list(p.get("edges")).stream()).map(e -> e.get("predicate").asString()))
                    .as(relation).containsOnly("develops");
        }
        assertThat(list(get("/api/paths?from=nearlink&to=huawei-watch-gt-4&relation=runs").json().get("paths"))).isEmpty();
        Response unknown = get("/api/paths?from=nearlink&to=huawei-watch-gt-4&relation=nope");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("parameter").asString()).isEqualTo("relation");
    }

    @Test
    void pathErrorsAreProblemDetails() {
        assertThat(get("/api/paths?from=nearlink&to=nowhere").status()).isEqualTo(404);
        assertThat(get("/api/paths?from=nearlink&to=nearlink").status()).isEqualTo(400);
        assertThat(get("/api/paths?from=nearlink&to=huawei&maxHops=9").status()).isEqualTo(400);
        Response missing = get("/api/paths?from=nearlink");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void sourcesListTheFactsThatCiteThem() {
        List<JsonNode> sources = list(get("/api/sources").json());
        assertThat(sources).hasSizeGreaterThanOrEqualTo(2);
        JsonNode barriers = sources.stream()
                .filter(s -> s.get("source").get("id").asString().equals("huawei-has-established-differentiation-barriers-within-its-ecosystem"))
                .findFirst().orElseThrow();
        assertThat(barriers.get("source").get("publishedOn").asString()).isEqualTo("2023-10-20");
        assertThat(barriers.get("relations").asLong()).isGreaterThan(20);
        assertThat(barriers.get("observations").asLong()).isEqualTo(4);

        JsonNode detail = get("/api/sources/huawei-has-established-differentiation-barriers-within-its-ecosystem").json();
        assertThat(list(detail.get("facts"))).anySatisfy(f -> {
            assertThat(f.get("subject").get("id").asString()).isEqualTo("huawei");
            assertThat(f.get("predicate").asString()).isEqualTo("develops");
            assertThat(f.get("object").get("id").asString()).isEqualTo("nearlink");
            assertThat(f.get("evidence").asString()).contains("NearLink");
        });
        assertThat(list(detail.get("observations"))).anySatisfy(o -> {
            assertThat(o.get("metric").asString()).isEqualTo("market-share");
            assertThat(o.get("trend").asString()).isEqualTo("growth");
            assertThat(o.get("periodStart").asString()).isEqualTo("2019-01-01");
        });
        assertThat(get("/api/sources/huawei").status()).isEqualTo(404);
    }

    private static String fact(JsonNode f) {
        return f.get("subject").get("id").asString() + " " + f.get("predicate").asString() + " "
                + f.get("object").get("id").asString();
    }

    @Test
    void aSourcesFactsComePageByPageWithNoneTwiceAndNoneLeftOut() {
        String source = "/api/sources/huawei-has-established-differentiation-barriers-within-its-ecosystem";
        JsonNode whole = get(source + "?limit=1000").json();
        assertThat(whole.get("nextCursor").isNull()).isTrue();
        List<String> allFacts = list(whole.get("facts")).stream().map(PathAndCatalogApiIT::fact).toList();
        List<String> allObservations = list(whole.get("observations")).stream().map(o -> o.get("id").asString()).toList();
        assertThat(allFacts).hasSizeGreaterThan(20).doesNotHaveDuplicates();
        assertThat(allObservations).hasSize(4);

        List<String> facts = new ArrayList<>();
        List<String> observations = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get(source + "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            assertThat(page.get("facts").size()).isLessThanOrEqualTo(3);
            page.get("facts").forEach(f -> facts.add(fact(f)));
            page.get("observations").forEach(o -> observations.add(o.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            assertThat(page.get("truncated").asBoolean()).isEqualTo(cursor != null);
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(facts).isEqualTo(allFacts);
        assertThat(observations).isEqualTo(allObservations);
        assertThat(pages).isEqualTo((allFacts.size() + 2) / 3);
    }

    @Test
    void badSourcePageParametersAre400ProblemDetails() {
        String source = "/api/sources/huawei-has-established-differentiation-barriers-within-its-ecosystem";
        for (String query : List.of("limit=0", "limit=100000", "cursor=!!!", "limit=many")) {
            Response r = get(source + "?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.contentType()).as(query).startsWith("application/problem+json");
        }
    }

    @Test
    void theOntologyShowsClassHierarchyAndRelationsWithInverses() {
        JsonNode ontology = get("/api/ontology").json();
        JsonNode smartwatch = list(ontology.get("classes")).stream()
                .filter(c -> c.get("name").asString().equals("Smartwatch")).findFirst().orElseThrow();
        assertThat(smartwatch.get("superclasses").toString()).contains("Wearable", "Device", "Product");
        JsonNode develops = list(ontology.get("relations")).stream()
                .filter(p -> p.get("name").asString().equals("develops")).findFirst().orElseThrow();
        assertThat(develops.get("inverse").asString()).isEqualTo("developedBy");
        assertThat(develops.get("relationshipType").asString()).isEqualTo("DEVELOPS");
        assertThat(develops.get("domain").toString()).contains("Organization");
    }

    @Test
    void statsCountEveryClassWithItsSuperclassesAndEveryRelationType() {
        JsonNode stats = get("/api/stats").json();
        long devices = stats.get("classes").get("Device").asLong();
        long smartwatches = stats.get("classes").get("Smartwatch").asLong();
        assertThat(devices).isGreaterThanOrEqualTo(5).isGreaterThanOrEqualTo(smartwatches);
        assertThat(stats.get("relationTypes").get("develops").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(list(stats.get("batches"))).anySatisfy(b ->
                assertThat(b.get("file").asString()).isEqualTo("huawei-ecosystem.ttl"));
    }

    @Test
    void healthShowsNeo4jAndTheRdfStoreWithItsSizeOnDisk() {
        JsonNode health = get("/actuator/health").json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("neo4j").get("status").asString()).isEqualTo("UP");
        JsonNode tdb2 = health.get("components").get("tdb2");
        assertThat(tdb2.get("status").asString()).isEqualTo("UP");
        // The folder only for callers with the API key (ErrorShapeIT).
        assertThat(tdb2.get("details").has("folder")).isFalse();
        assertThat(tdb2.get("details").get("bytesOnDisk").asLong()).isGreaterThan(1 << 20);
    }
}
