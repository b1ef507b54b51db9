package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cigraph.IntegrationTest;
import io.cigraph.graph.Views.EdgeView;
import io.cigraph.graph.Views.Neighborhood;
import io.cigraph.ontology.Ontology;
import io.cigraph.graph.Views.NodeRef;
import io.cigraph.graph.Views.PathView;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.neo4j.autoconfigure.Neo4jProperties;

/**
 * The read features answer the same whether their statements run in the in-process database's
 * own transactions (the default) or through the driver over Bolt (as against a remote server).
 */
class ReadPathsIT extends IntegrationTest {

    @Autowired
    GraphReads direct;

    @Autowired
    Driver driver;

    @Autowired
    Ontology ontology;

    @Autowired
    GraphProperties properties;

    @Autowired
    ObjectProvider<EmbeddedNeo4j> neo4j;

    @Autowired
    Neo4jProperties neo4jProperties;

    private GraphReads overBolt() {
        GraphProperties.Embedded e = properties.embedded();
        GraphProperties.Embedded viaDriver = new GraphProperties.Embedded(e.dir(), e.boltAddress(), e.boltPort(), e.pageCache(),
                e.directWrites(), e.importMemory(), e.password(), e.transactionMemory(), e.totalTransactionMemory(),
                e.websocketOrigins(), false);
        return new GraphReads(driver, ontology, new GraphProperties(properties.queryTimeout(), properties.maxRows(), viaDriver,
                properties.cypher()), neo4j, neo4jProperties);
    }

    @Test
    void entitiesNeighbourhoodsPathsAndCatalogAreTheSameInProcessAndOverBolt() {
        GraphReads bolt = overBolt();
        assertThat(new EntityQueries(direct).entity("huawei", 200)).isEqualTo(new EntityQueries(bolt).entity("huawei", 200));
        for (int depth = 1; depth <= 2; depth++) {
            Neighborhood a = new EntityQueries(direct).neighbors("huawei", depth, null, null, 200, null);
            Neighborhood b = new EntityQueries(bolt).neighbors("huawei", depth, null, null, 200, null);
            assertThat(a.nodes()).isNotEmpty().containsExactlyInAnyOrderElementsOf(b.nodes());
            assertThat(sorted(a.edges())).isNotEmpty().isEqualTo(sorted(b.edges()));
            assertThat(a.counts()).isEqualTo(b.counts());
            assertThat(a.nextCursor()).isEqualTo(b.nextCursor());
        }
        var paths = new PathQueries(direct).paths("nearlink", "huawei-watch-gt-4", 4, 5, null);
        assertThat(paths.paths()).isNotEmpty();
        assertThat(paths).isEqualTo(new PathQueries(bolt).paths("nearlink", "huawei-watch-gt-4", 4, 5, null));
    }

    @Test
    void pathsAreWhatShortestFromTheFromEndFindsForEveryPairOfEndsConnectedOrNot() {
        // The paths feature asks shortestPath whether the ends are connected (its path is the answer
        // when one is asked for) and may search from the `to` end, turning the paths round; none of
        // it may change the answer: the same lengths, and
        // every path one that SHORTEST from `from` finds too (which of several paths of one length
        // come within the limit is the database's choice), with or without a relation filter.
        List<String> ids = direct.read(tx -> tx.run("MATCH (n:Resource) WHERE NOT n:Observation RETURN n.id AS id ORDER BY id")
                .list(r -> r.get("id").asString()));
        assertThat(ids).hasSizeGreaterThan(30);
        Map<String, Long> degree = new HashMap<>();
        direct.read(tx -> tx.run("MATCH (n:Resource) RETURN n.id AS id, COUNT { (n)--() } AS degree").list())
                .forEach(r -> degree.put(r.get("id").asString(), r.get("degree").asLong()));
        PathQueries paths = new PathQueries(direct);
        int searchedFromTo = 0;
        int connected = 0;
        int notConnected = 0;
        for (int i = 0; i < ids.size(); i++) {
            for (int j = 0; j < ids.size(); j++) {
                if (i == j || (i * 7 + j) % 3 != 0) {
                    continue;
                }
                for (int hops = 1; hops <= 3; hops++) {
                    List<String> relations = (i + j) % 4 == 0 ? List.of("develops", "runs") : null;
                    String what = "%s to %s within %d hops through %s".formatted(ids.get(i), ids.get(j), hops, relations);
                    List<List<String>> all = shortestFromTheFromEnd(ids.get(i), ids.get(j), hops, PathQueries.MAX_PATHS, relations);
                    List<List<String>> five = shortestFromTheFromEnd(ids.get(i), ids.get(j), hops, 5, relations);
                    List<PathView> got = paths.paths(ids.get(i), ids.get(j), hops, 5, relations).paths();
                    assertThat(got.stream().map(PathView::length).toList()).as(what).isEqualTo(five.stream().map(p -> p.size() - 1).toList());
                    assertPathsFromTo(got, ids.get(i), ids.get(j), all, what);
                    List<PathView> one = paths.paths(ids.get(i), ids.get(j), hops, 1, relations).paths();
                    assertThat(one.stream().map(PathView::length).toList()).as("one path: " + what)
                            .isEqualTo(five.stream().limit(1).map(p -> p.size() - 1).toList());
                    assertPathsFromTo(one, ids.get(i), ids.get(j), all, "one path: " + what);
                    if (got.size() > 1 && !got.equals(paths.paths(ids.get(i), ids.get(j), hops, 5, relations).paths())) {
                        throw new AssertionError("the same question twice gave different paths: " + what);
                    }
                    if (five.isEmpty()) {
                        notConnected++;
                    } else {
                        connected++;
                        if (degree.get(ids.get(i)) < degree.get(ids.get(j))) {
                            searchedFromTo++;
                        }
                    }
                }
            }
        }
        assertThat(connected).as("pairs with paths").isGreaterThan(100);
        assertThat(notConnected).as("pairs without").isGreaterThan(100);
        assertThat(searchedFromTo).as("pairs searched from the to end").isGreaterThan(100);
    }

    /**
     * Each path runs from {@code from} to {@code to}, one edge joining each two nodes in turn, and is
     * one of {@code all} (SHORTEST's paths from {@code from}) when that list was not cut at the limit.
     */
    private static void assertPathsFromTo(List<PathView> paths, String from, String to, List<List<String>> all, String what) {
        for (PathView p : paths) {
            List<String> nodes = p.nodes().stream().map(NodeRef::id).toList();
            assertThat(nodes.getFirst()).as(what).isEqualTo(from);
            assertThat(nodes.getLast()).as(what).isEqualTo(to);
            assertThat(p.edges()).as(what).hasSize(p.length());
            if (all.size() < PathQueries.MAX_PATHS) {
                assertThat(all).as(what).contains(nodes);
            }
            for (int k = 0; k < p.length(); k++) {
                EdgeView e = p.edges().get(k);
                assertThat(Set.of(e.from(), e.to())).as(what).isEqualTo(Set.of(nodes.get(k), nodes.get(k + 1)));
            }
        }
    }

    private List<List<String>> shortestFromTheFromEnd(String from, String to, int hops, int limit, List<String> relations) {
        List<String> types = direct.relationshipTypes(relations);
        String query = types == null
                ? "MATCH (a:Resource {id: $from}), (b:Resource {id: $to}) MATCH p = SHORTEST %d (a)-[]-{1,%d}(b) RETURN [n IN nodes(p) | n.id] AS ids"
                : "MATCH (a:Resource {id: $from}), (b:Resource {id: $to}) MATCH p = SHORTEST %d (a)(()-[hop]-() WHERE type(hop) IN $types){1,%d}(b) RETURN [n IN nodes(p) | n.id] AS ids";
        Map<String, Object> params = new HashMap<>(Map.of("from", from, "to", to));
        params.put("types", types);
        return direct.read(tx -> tx.run(query.formatted(limit, hops), params).list(r -> r.get("ids").asList(v -> v.asString())));
    }

    @Test
    void anUnknownEntityIsUnknownBothWays() {
        assertThatThrownBy(() -> new EntityQueries(direct).entity("no-such-thing", 10)).isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> new EntityQueries(overBolt()).entity("no-such-thing", 10)).isInstanceOf(UnknownResourceException.class);
    }

    @Test
    void aStatementPastItsTimeoutIsAQueryTimeoutInProcess() {
        GraphProperties.Embedded e = properties.embedded();
        var reads = new EmbeddedReads(neo4j.getObject(), java.time.Duration.ofMillis(200), 1, java.time.Duration.ofSeconds(1));
        assertThatThrownBy(() -> reads.read(tx -> tx.run("UNWIND range(1, 100000000) AS x WITH x WHERE x < 0 RETURN count(*)").list()))
                .isInstanceOf(QueryTimeoutException.class);
        assertThat(e.directReads()).isTrue();
    }

    private static List<EdgeView> sorted(List<EdgeView> edges) {
        return edges.stream().sorted(Comparator.comparing(EdgeView::id)).toList();
    }
}
