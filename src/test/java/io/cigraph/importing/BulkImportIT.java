package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cigraph.CiGraphApplication;
import io.cigraph.model.Projection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The bulk path, in a service of its own whose stores start empty. Chunks are five resources, so
 * the seed file spans many chunks and most relations name a resource of a later chunk.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulkImportIT {

    private static final Path SEED = Path.of("import/huawei-ecosystem.ttl");
    private static final Path ADDITION = Path.of("src/test/resources/importing/valid-addition.ttl");

    @TempDir
    static Path data;

    static ConfigurableApplicationContext app;
    static ImportService imports;
    static Driver driver;
    static List<Projection> stores;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(CiGraphApplication.class).properties(Map.of(
                "server.port", "0",
                "cigraph.graph.embedded.dir", data.resolve("neo4j").toString(),
                "cigraph.graph.embedded.bolt-port", "0",
                "cigraph.rdf.dir", data.resolve("tdb2").toString(),
                "cigraph.search.dir", data.resolve("index").toString(),
                "cigraph.import.load-at-startup", "false",
                "cigraph.import.chunk-resources", "5")).run();
        imports = app.getBean(ImportService.class);
        driver = app.getBean(Driver.class);
        stores = app.getBeanProvider(Projection.class).orderedStream().toList();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @Order(1)
    void aProblemInAnyFileOfABulkImportLeavesEveryStoreEmpty() {
        assertThat(stores).allMatch(Projection::isEmpty);
        List<ImportProgress> progress = new ArrayList<>();
        Path bad = Path.of("src/test/resources/importing/unknown-entity.ttl");

        assertThatThrownBy(() -> imports.importFiles(List.of(SEED, bad), false, progress::add))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessageContaining("unknown-entity.ttl");

        // The seed's chunks were written before the bad file was read: they are gone again.
        assertThat(progress).anyMatch(p -> p.bulk() && p.records() > 0);
        assertThat(stores).allMatch(Projection::isEmpty);
        assertThat(count("MATCH (n) RETURN count(n)")).isZero();
    }

    @Test
    @Order(2)
    void intoEmptyStoresFilesAreBulkLoadedWithProgressAndEveryStoreHoldsThem() {
        List<ImportProgress> progress = new ArrayList<>();

        List<ImportReport> reports = imports.importFiles(List.of(SEED, ADDITION), false, progress::add);

        assertThat(reports).extracting(ImportReport::mode).containsOnly("bulk");
        assertThat(reports).extracting(ImportReport::status).containsOnly("imported");
        assertThat(reports.getFirst().resources()).isEqualTo(46);
        assertThat(reports.getFirst().relations()).isEqualTo(count("MATCH (:Resource)-[r]->(:Resource) WHERE r.batch = $b RETURN count(r)",
                Map.of("b", reports.getFirst().batch())));
        assertThat(reports.getFirst().storeMillis()).containsOnlyKeys("neo4j", "tdb2", "lucene");
        assertThat(progress.getLast().records()).isEqualTo(progress.getLast().totalRecords());
        assertThat(stores).noneMatch(Projection::isEmpty);
        assertThat(stores).allMatch(s -> s.batches().containsAll(reports.stream().map(ImportReport::sha256).toList()));
        assertThat(count("MATCH (n:Resource) RETURN count(n)")).isEqualTo(46 + reports.get(1).resources());
        assertThat(count("MATCH (:Resource {id: 'huawei-watch-gt-4'})-[:RUNS]->(:Resource {id: 'harmonyos-4'}) RETURN count(*)"))
                .isOne();
    }

    @Test
    @Order(3)
    void theTransactionalPathWritingTheSameFilesOverTheBulkLoadChangesNothing() {
        List<String> bulk = snapshot();

        List<ImportReport> again = imports.importFiles(List.of(SEED, ADDITION), true, ImportProgress.Listener.NONE);

        assertThat(again).extracting(ImportReport::mode).containsOnly("transactional");
        assertThat(snapshot()).isEqualTo(bulk);
    }

    private static long count(String cypher) {
        return count(cypher, Map.of());
    }

    private static long count(String cypher, Map<String, Object> params) {
        try (var session = driver.session()) {
            return session.run(cypher, params).single().get(0).asLong();
        }
    }

    /** Every node and relationship with its labels and properties, in a stable order. */
    private static List<String> snapshot() {
        try (var session = driver.session()) {
            List<String> all = new ArrayList<>(session.run("""
                    MATCH (n) RETURN coalesce(n.id, n.sha256) AS key, labels(n) AS labels, properties(n) AS props ORDER BY key
                    """).list(r -> r.get("key") + " " + r.get("labels").asList(Object::toString).stream().sorted().toList()
                    + " " + new TreeMap<>(r.get("props").asMap())));
            all.addAll(session.run("""
                    MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props ORDER BY a, t, b
                    """).list(r -> r.get("a") + " " + r.get("t") + " " + r.get("b") + " " + new TreeMap<>(r.get("props").asMap())));
            return all;
        }
    }

}
