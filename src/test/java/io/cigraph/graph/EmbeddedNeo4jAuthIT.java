package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.SecurityException;
import org.springframework.util.unit.DataSize;

/** A data folder keeps working across the switch to authentication, and keeps its password. */
class EmbeddedNeo4jAuthIT {

    private static long vendors(EmbeddedNeo4j neo4j, String password) {
        try (Driver d = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic("neo4j", password)); var s = d.session()) {
            return s.run("MATCH (v:Vendor) RETURN count(v)").single().get(0).asLong();
        }
    }

    private static GraphProperties.Embedded settings(Path dir, String password) {
        return new GraphProperties.Embedded(dir, "127.0.0.1", 0, DataSize.ofMegabytes(8), true, DataSize.ofMegabytes(64),
                password, DataSize.ofMegabytes(256), DataSize.ofMegabytes(512), List.of(), true);
    }

    @Test
    void aFolderMadeWithoutAuthenticationGetsAPasswordAndKeepsItAtTheNextStart(@TempDir Path dir) throws Exception {
        var old = new DatabaseManagementServiceBuilder(dir).setConfig(GraphDatabaseSettings.auth_enabled, false).build();
        old.database("neo4j").executeTransactionally("CREATE (:Vendor {id: 'huawei'})");
        old.shutdown();

        String password;
        try (EmbeddedNeo4j neo4j = new EmbeddedNeo4j(settings(dir, null))) {
            password = neo4j.credentials().password();
            assertThat(vendors(neo4j, password)).isOne();
            assertThatThrownBy(() -> vendors(neo4j, "neo4j")).isInstanceOf(SecurityException.class);
        }
        assertThat(Files.readString(dir.resolve(Neo4jCredentials.FILE))).contains(password);
        try (EmbeddedNeo4j neo4j = new EmbeddedNeo4j(settings(dir, null))) {
            assertThat(neo4j.credentials().password()).isEqualTo(password);
            assertThat(vendors(neo4j, password)).isOne();
        }
        try (EmbeddedNeo4j neo4j = new EmbeddedNeo4j(settings(dir, "a configured password"))) {
            assertThat(vendors(neo4j, "a configured password")).isOne();
            assertThatThrownBy(() -> vendors(neo4j, password)).isInstanceOf(SecurityException.class);
        }
    }
}
