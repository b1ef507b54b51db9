package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;
import tools.jackson.databind.JsonNode;

/**
 * A neighbourhood holding a node with more relations of one type than a view expands: the edges
 * among the view's nodes are found from their other ends or tried pair by pair, and are still
 * every relation among the nodes and no other. The hub is imported for the test and taken back.
 */
class BusyNeighbourhoodIT extends IntegrationTest {

    /** More than {@code EntityQueries.DENSE}: the hub's "develops" relations are too many to expand. */
    private static final int DEVICES = 205;

    @Test
    void aViewThroughAHubHasEveryRelationAmongItsNodesAndTheStoresAreAsBeforeOnceItIsTakenBack() throws Exception {
        List<String> before = snapshotWithoutLedger(driver);
        String storesBefore = otherStores();
        Response imported = post("/api/imports?name=busy-hub.ttl", "text/turtle", hub().getBytes(StandardCharsets.UTF_8), API_KEY);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String batch = imported.json().get("batch").asString();
        try {
            for (String root : List.of("hub-device-0", "hub-partner-0", "hub-os")) {
                JsonNode page = get("/api/entities/" + root + "/neighbors?depth=2&limit=300").json();
                List<String> ids = list(page.get("nodes")).stream().map(n -> n.get("id").asString()).toList();
                assertThat(ids).as(root).contains("hub-vendor", "hub-device-" + (DEVICES - 1));
                List<String> edges = list(page.get("edges")).stream()
                        .map(e -> e.get("from").asString() + " " + e.get("relationshipType").asString() + " " + e.get("to").asString())
                        .toList();
                try (Session session = driver.session()) {
                    List<String> among = session.run("""
                            MATCH (a:Resource)-[r]->(b:Resource) WHERE a.id IN $ids AND b.id IN $ids
                            RETURN a.id + ' ' + type(r) + ' ' + b.id AS edge""", Map.of("ids", ids))
                            .list(r -> r.get("edge").asString());
                    assertThat(among).as(root).contains("hub-vendor DEVELOPS hub-device-7", "hub-vendor PARTNERS_WITH hub-partner-1",
                            "hub-device-3 RUNS hub-os", "hub-partner-2 DEVELOPS hub-device-2");
                    assertThat(edges).as(root).containsExactlyInAnyOrderElementsOf(among);
                }
            }
        } finally {
            Response undone = delete("/api/imports/" + batch, API_KEY);
            assertThat(undone.status()).as(undone.body()).isBetween(200, 204);
        }
        assertThat(snapshotWithoutLedger(driver)).isEqualTo(before);
        assertThat(otherStores()).isEqualTo(storesBefore);
    }

    /** A vendor developing {@link #DEVICES} devices that all run one system, with partners that develop one each. */
    private static String hub() {
        StringBuilder t = new StringBuilder("""
                @prefix kg:  <https://w3id.org/cigraph/ontology#> .
                @prefix res: <https://w3id.org/cigraph/id/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                res:hub-report a kg:Article ; rdfs:label "Hub report" ; kg:title "Hub report" ; kg:publishedOn "2024-03-01"^^xsd:date .
                res:hub-vendor a kg:Vendor ; rdfs:label "Hub vendor" .
                res:hub-os a kg:OperatingSystem ; rdfs:label "Hub OS" .
                """);
        for (int p = 0; p < 3; p++) {
            t.append("res:hub-partner-%d a kg:Vendor ; rdfs:label \"Hub partner %d\" .%n".formatted(p, p));
            t.append("res:hub-vendor kg:partnersWith res:hub-partner-%d {| kg:source res:hub-report ; kg:evidence \"Partners\" |} .%n".formatted(p));
            t.append("res:hub-partner-%d kg:develops res:hub-device-%d {| kg:source res:hub-report ; kg:evidence \"Co-developed\" |} .%n".formatted(p, p));
        }
        for (int d = 0; d < DEVICES; d++) {
            t.append("""
                    res:hub-device-%1$d a kg:Smartwatch ; rdfs:label "Hub device %1$d" .
                    res:hub-vendor kg:develops res:hub-device-%1$d {| kg:source res:hub-report ; kg:evidence "Makes device %1$d" |} .
                    res:hub-device-%1$d kg:runs res:hub-os {| kg:source res:hub-report ; kg:evidence "Device %1$d runs it" |} .
                    """.formatted(d));
        }
        return t.toString();
    }

    private String otherStores() {
        JsonNode quads = get("/sparql?query=" + URLEncoder.encode("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?g != <https://w3id.org/cigraph/graph/ledger>) }",
                StandardCharsets.UTF_8) + "&format=json").json();
        JsonNode stores = get("/actuator/health").json().at("/components/stores/details");
        // Outside the ledger, which records the batch taken back: quads, and resources and relations in each store.
        StringBuilder counts = new StringBuilder(quads.at("/results/bindings/0/n/value").asString());
        for (String store : List.of("neo4j", "tdb2", "lucene")) {
            counts.append(' ').append(store).append(' ').append(stores.get(store).get("resources")).append('/')
                    .append(stores.get(store).get("relations"));
        }
        return counts + " search " + get("/api/search?q=Hub").json().get("total");
    }
}
