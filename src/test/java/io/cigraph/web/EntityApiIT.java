package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;
import tools.jackson.databind.JsonNode;

class EntityApiIT extends IntegrationTest {

    private static List<JsonNode> relations(JsonNode entity, String predicate, String direction) {
        return list(entity.get("relations")).stream()
                .filter(r -> r.get("predicate").asString().equals(predicate) && r.get("direction").asString().equals(direction))
                .toList();
    }

    private static List<String> others(List<JsonNode> relations) {
        return relations.stream().map(r -> r.get("other").get("id").asString()).toList();
    }

    @Test
    void huaweiShowsItsOperatingSystemWirelessTechnologyProductLinesAndPartnerOfferingsWithProvenance() {
        Response r = get("/api/entities/huawei");
        assertThat(r.status()).isEqualTo(200);
        JsonNode huawei = r.json();
        assertThat(huawei.get("label").asString()).isEqualTo("Huawei");
        assertThat(huawei.get("iri").asString()).isEqualTo("https://w3id.org/cigraph/id/huawei");
        assertThat(list(huawei.get("types")).getFirst().get("superclasses").toString()).contains("Organization", "Entity");
        assertThat(list(huawei.get("aliases"))).anySatisfy(a -> {
            assertThat(a.get("text").asString()).isEqualTo("华为");
            assertThat(a.get("language").asString()).isEqualTo("zh");
        });
        assertThat(others(relations(huawei, "develops", "out"))).contains("harmonyos", "harmonyos-4", "nearlink", "huawei-watch-gt-4");
        assertThat(others(relations(huawei, "offers", "out"))).contains("huawei-qingyun", "digital-cockpit", "self-driving-support");
        for (JsonNode relation : list(huawei.get("relations"))) {
            JsonNode provenance = relation.get("provenance"); // an observation's link shows the observation's source
            assertThat(provenance.get("source").get("title").asString()).as(relation.toString()).isNotBlank();
            assertThat(provenance.get("evidence").asString()).as(relation.toString()).isNotBlank();
        }
    }

    @Test
    void theWatchRunsHarmonyOs4() {
        JsonNode watch = get("/api/entities/huawei-watch-gt-4").json();
        assertThat(others(relations(watch, "runs", "out"))).containsExactly("harmonyos-4");
        assertThat(list(watch.get("types")).getFirst().get("superclasses").toString()).contains("Wearable", "Device");
        JsonNode os = get("/api/entities/harmonyos-4").json();
        List<JsonNode> runBy = relations(os, "runs", "in");
        assertThat(others(runBy)).contains("huawei-watch-gt-4");
        assertThat(runBy.getFirst().get("label").asString()).isEqualTo("runs on");
    }

    @Test
    void theBusinessSeriesListsItsProducts() {
        JsonNode series = get("/api/entities/huawei-qingyun").json();
        assertThat(others(relations(series, "partOfSeries", "in"))).containsExactlyInAnyOrder(
                "huawei-qingyun-commercial-smart-screens", "huawei-qingyun-tablets", "huawei-qingyun-desktops",
                "huawei-qingyun-printers");
    }

    @Test
    void anUnknownIdIsA404ProblemDetail() {
        Response r = get("/api/entities/no-such-thing");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).endsWith("/unknown-resource");
        assertThat(r.json().get("suggestions").isArray()).isTrue();
        assertThat(r.body()).doesNotContain("Exception", "at io.");
    }

    private static List<String> suggested(Response r) {
        assertThat(r.status()).isEqualTo(404);
        return list(r.json().get("suggestions")).stream().map(s -> s.get("id").asString()).toList();
    }

    @Test
    void aMisspeltIdIsAnsweredWithTheNearestNames() {
        Response r = get("/api/entities/huawai");
        assertThat(suggested(r)).first().isEqualTo("huawei");
        assertThat(r.json().get("suggestions").get(0).get("label").asString()).isEqualTo("Huawei");
        assertThat(r.json().get("detail").asString()).contains("'huawai'", "Did you mean huawei (Huawei)?")
                .doesNotContain("/api/stats");
        assertThat(suggested(get("/api/entities/huawai/neighbors?depth=2"))).first().isEqualTo("huawei");
        assertThat(suggested(get("/api/entities/huawei-watch-gt4"))).first().isEqualTo("huawei-watch-gt-4");
    }

    @Test
    void anUnknownEndOfAPathIsAnsweredWithTheNearestNamesForThatEnd() {
        Response r = get("/api/paths?from=nearlnk&to=huawei-watch-gt-4");
        assertThat(r.json().get("id").asString()).isEqualTo("nearlnk");
        assertThat(suggested(r)).first().isEqualTo("nearlink");
    }

    @Test
    void anUnknownSourceIsAnsweredWithTheNearestSourcesOnly() {
        Response r = get("/api/sources/huawei-has-established-differentiation-barriers");
        assertThat(suggested(r)).first().isEqualTo("huawei-has-established-differentiation-barriers-within-its-ecosystem");
        // huawei is an entity, not a source: what it is offered are sources named like it.
        assertThat(suggested(get("/api/sources/huawei"))).isNotEmpty().doesNotContain("huawei")
                .allSatisfy(id -> assertThat(id).startsWith("huawei"));
    }

    @Test
    void anUnknownSavedQuestionOffersNoEntities() {
        Response r = get("/api/questions/huawei");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().has("suggestions")).isFalse();
    }

    @Test
    void neighboursComePageByPageWithCountsPerRelationType() {
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        JsonNode first = null;
        do {
            JsonNode page = get("/api/entities/huawei/neighbors?limit=5" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            if (first == null) {
                first = page;
            }
            assertThat(page.get("edges").size()).isLessThanOrEqualTo(5);
            page.get("edges").forEach(e -> assertThat(seen.add(e.get("id").asString())).as("edge seen twice").isTrue());
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 50);
        long total = get("/api/entities/huawei").json().get("relationCount").asLong();
        assertThat((long) seen.size()).isEqualTo(total);
        assertThat(pages).isGreaterThan(1);
        long counted = 0;
        for (JsonNode c : first.get("counts")) {
            counted += c.get("count").asLong();
        }
        assertThat(counted).isEqualTo(total);
        assertThat(list(first.get("counts"))).anySatisfy(c -> {
            assertThat(c.get("predicate").asString()).isEqualTo("competesIn");
            assertThat(c.get("direction").asString()).isEqualTo("out");
            assertThat(c.get("count").asLong()).isEqualTo(10);
        });
    }

    @Test
    void neighboursFilteredByClassIncludeItsSubclassesAndByRelationFollowOnlyIt() {
        JsonNode devices = get("/api/entities/huawei/neighbors?depth=2&type=Device&limit=50").json();
        List<String> ids = list(devices.get("nodes")).stream().map(n -> n.get("id").asString()).toList();
        assertThat(ids).contains("huawei-watch-gt-4", "huawei-qingyun-tablets");
        JsonNode developed = get("/api/entities/huawei/neighbors?relation=develops&limit=50").json();
        assertThat(list(developed.get("edges"))).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("predicate").asString()).isEqualTo("develops"));
        JsonNode inverse = get("/api/entities/harmonyos-4/neighbors?relation=developedBy").json();
        assertThat(list(inverse.get("edges"))).extracting(e -> e.get("from").asString()).contains("huawei");
    }

    /** Ids of the nodes reached from the root along the page's own edges, in either direction. */
    private static Set<String> reachable(JsonNode page) {
        Set<String> reached = new HashSet<>(Set.of(page.get("root").asString()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (JsonNode e : page.get("edges")) {
                String from = e.get("from").asString();
                String to = e.get("to").asString();
                if (reached.contains(from) != reached.contains(to)) {
                    grew |= reached.add(from) | reached.add(to);
                }
            }
        }
        return reached;
    }

    @Test
    void aNeighbourhoodShowsEachRelationWithTheSourceAndEvidenceTheEntityPageShows() {
        // Observations' links carry no provenance of their own: both views give the observation's.
        JsonNode huawei = get("/api/entities/huawei").json();
        JsonNode around = get("/api/entities/huawei/neighbors?depth=1&limit=50").json();
        List<JsonNode> edges = list(around.get("edges"));
        assertThat(edges).hasSameSizeAs(list(huawei.get("relations")));
        assertThat(edges).anySatisfy(e -> assertThat(e.get("predicate").asString()).isEqualTo("observationOf"));
        for (JsonNode relation : list(huawei.get("relations"))) {
            boolean out = relation.get("direction").asString().equals("out");
            String other = relation.get("other").get("id").asString();
            assertThat(edges).as(relation.toString()).anySatisfy(e -> {
                assertThat(e.get("predicate").asString()).isEqualTo(relation.get("predicate").asString());
                assertThat(e.get(out ? "to" : "from").asString()).isEqualTo(other);
                assertThat(e.get("provenance").get("source").get("id").asString())
                        .isEqualTo(relation.get("provenance").get("source").get("id").asString());
                assertThat(e.get("provenance").get("evidence").asString()).isEqualTo(relation.get("provenance").get("evidence").asString());
            });
        }
    }

    @Test
    void aClassFilterKeepsTheNodesAndEdgesThatConnectItsNodesToTheRoot() {
        JsonNode devices = get("/api/entities/huawei/neighbors?depth=2&type=Device&limit=50").json();
        List<String> ids = list(devices.get("nodes")).stream().map(n -> n.get("id").asString()).toList();
        List<String> via = list(devices.get("via")).stream().map(JsonNode::asString).toList();
        assertThat(ids).contains("huawei-qingyun-tablets", "huawei-qingyun-desktops", "huawei-watch-gt-4")
                .containsAll(via);
        assertThat(via).contains("huawei-qingyun").doesNotContain("huawei-qingyun-tablets", "huawei");
        assertThat(reachable(devices)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(list(devices.get("edges"))).anySatisfy(e -> {
            assertThat(e.get("from").asString()).isEqualTo("huawei-qingyun-tablets");
            assertThat(e.get("predicate").asString()).isEqualTo("partOfSeries");
            assertThat(e.get("to").asString()).isEqualTo("huawei-qingyun");
        });
        JsonNode unfiltered = get("/api/entities/huawei/neighbors?depth=2&limit=50").json();
        assertThat(list(unfiltered.get("via"))).isEmpty();
    }

    @Test
    void aDepthTwoPageHasEveryRelationAmongItsNodesAndNoOther() {
        JsonNode page = get("/api/entities/huawei/neighbors?depth=2&limit=60").json();
        List<String> ids = list(page.get("nodes")).stream().map(n -> n.get("id").asString()).toList();
        List<String> edges = list(page.get("edges")).stream()
                .map(e -> e.get("from").asString() + " " + e.get("relationshipType").asString() + " " + e.get("to").asString()).toList();
        try (Session session = driver.session()) {
            List<String> among = session.run("""
                    MATCH (a:Resource)-[r]->(b:Resource) WHERE a.id IN $ids AND b.id IN $ids
                    RETURN a.id + ' ' + type(r) + ' ' + b.id AS edge""", Map.of("ids", ids))
                    .list(r -> r.get("edge").asString());
            assertThat(among).hasSizeGreaterThan(ids.size());
            assertThat(edges).containsExactlyInAnyOrderElementsOf(among);
        }
    }

    @Test
    void badNeighbourParametersAre400ProblemDetails() {
        for (String query : List.of("depth=4", "depth=0", "limit=0", "limit=100000", "type=Spaceship",
                "relation=likes", "cursor=!!!", "depth=two")) {
            Response r = get("/api/entities/huawei/neighbors?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.contentType()).as(query).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).as(query).isNotBlank();
        }
        assertThat(get("/api/entities/nothing-here/neighbors").status()).isEqualTo(404);
    }
}
