package io.cigraph.importing;

import io.cigraph.Neo4jServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.CiGraphApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A store changed past the imports: a vendor written straight into Neo4j shows in
 * {@code /actuator/health} as the stores disagreeing, and the {@code rebuild} command, run as a
 * user runs it, brings the RDF store and the search index back in line. A service of its own, so
 * that the shared test graph stays as the seed data made it.
 */
class StoreAgreementIT {

    @TempDir
    static Path root;

    private static JsonNode health(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(r.body()).path("components").path("stores");
    }

    @Test
    void healthReportsAGraphWrittenPastTheImportsAndRebuildMendsIt() throws Exception {
        Path data = root.resolve("stores");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CiGraphApplication.class).run(
                java.util.stream.Stream.concat(Neo4jServer.graphArguments(data.resolve("neo4j")).stream(), java.util.stream.Stream.of(
                "--server.port=0", "--cigraph.rdf.dir=" + data.resolve("tdb2"),
                "--cigraph.search.dir=" + data.resolve("index"))).toArray(String[]::new));
        long resources;
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            JsonNode before = health(port);
            assertThat(before.path("status").asString()).as(before.toString()).isEqualTo("UP");
            resources = before.path("details").path("neo4j").path("resources").asLong();
            assertThat(before.path("details").path("tdb2").path("resources").asLong()).isEqualTo(resources);
            assertThat(before.path("details").path("lucene").path("resources").asLong()).isEqualTo(resources);

            try (var session = app.getBean(Driver.class).session()) {
                session.run("""
                        CREATE (:Resource:Entity:Organization:Vendor {id: 'rogue-vendor', iri: 'https://w3id.org/cigraph/id/rogue-vendor',
                                types: ['Vendor'], label: 'Rogue Vendor'})
                        """).consume();
            }

            JsonNode after = health(port);
            assertThat(after.path("status").asString()).as(after.toString()).isEqualTo("DOWN");
            assertThat(after.path("details").path("differs").path("tdb2").asString())
                    .isEqualTo("tdb2 has %d resources, neo4j %d".formatted(resources, resources + 1));
            assertThat(after.path("details").path("differs").path("lucene").asString())
                    .isEqualTo("lucene has %d resources, neo4j %d".formatted(resources, resources + 1));
        } finally {
            app.close();
            // TDB2 keeps its folder locked for this JVM until the dataset is expelled from its cache.
            TDBInternal.expel(DatabaseMgr.connectDatasetGraph(data.resolve("tdb2").toString()), true);
        }

        ChildService.Run rebuild = new ChildService(data).start("rebuild", "rebuild");
        assertThat(rebuild.exit(Duration.ofMinutes(3))).as(rebuild.text()).isZero();
        long[] agree = rebuild.agreement(0);
        assertThat(agree).as(rebuild.text()).isNotNull();
        assertThat(agree[1]).isEqualTo(resources + 1);
        assertThat(rebuild.text()).contains("Store tdb2 rebuilt from the graph", "Store lucene rebuilt from the graph");
    }
}
