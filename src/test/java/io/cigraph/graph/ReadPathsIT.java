package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cigraph.IntegrationTest;
import io.cigraph.graph.Views.EdgeView;
import io.cigraph.graph.Views.Neighborhood;
import io.cigraph.ontology.Ontology;
import java.util.Comparator;
import java.util.List;
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
