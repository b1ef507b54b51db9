package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.springframework.beans.factory.annotation.Autowired;

/** Settings of the in-process Neo4j that the service's speed depends on. */
class EmbeddedNeo4jSettingsIT extends IntegrationTest {

    @Autowired
    EmbeddedNeo4j neo4j;

    @Test
    void plansAreKeptPerQueryTextAndParameterTypesNotPerLengthOfEachValue() {
        Config config = ((GraphDatabaseAPI) neo4j.database()).getDependencyResolver().resolveDependency(Config.class);
        // Neo4j's default keys plans on each string's and list's length class too: an id one
        // character longer than the last was planned again, hundreds of milliseconds at 100k.
        assertThat(config.get(GraphDatabaseInternalSettings.cypher_size_hint_parameters)).isFalse();
    }
}
