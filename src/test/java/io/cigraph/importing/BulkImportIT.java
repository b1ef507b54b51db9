package io.cigraph.importing;

import io.cigraph.Neo4jServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cigraph.CiGraphApplication;
import io.cigraph.model.BulkLoad;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import io.cigraph.ontology.Ontology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neo4j.driver.Driver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The bulk path, in two services of their own whose stores start empty: one writes to Neo4j
 * through the embedded API (the default), the other through the driver, as against a remote
 * server. Chunks are five resources, so the seed file spans many chunks and most relations name
 * a resource of a later chunk.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulkImportIT {

    private static final Path SEED = Path.of("import/huawei-ecosystem.ttl");
    private static final Path ADDITION = Path.of("src/test/resources/importing/valid-addition.ttl");
    /** States a seed resource and a seed relation again, each with other properties. */
    private static final Path RESTATED = Path.of("src/test/resources/importing/restatements.ttl");
    private static final List<Path> FILES = List.of(SEED, ADDITION, RESTATED);

    @TempDir
    static Path data;

    static Service direct;
    static Service driver;

    /** One service: its import pipeline, its driver and its stores. */
    record Service(String name, ConfigurableApplicationContext app) {

        ImportService imports() {
            return app.getBean(ImportService.class);
        }

        List<Projection> stores() {
            return app.getBeanProvider(Projection.class).orderedStream().toList();
        }

        long count(String cypher) {
            try (var session = app.getBean(Driver.class).session()) {
                return session.run(cypher).single().get(0).asLong();
            }
        }

        /** Every node and relationship with its labels and properties (but the time of import), in a stable order. */
        List<String> snapshot() {
            try (var session = app.getBean(Driver.class).session()) {
                List<String> all = new ArrayList<>(session.run("""
                        MATCH (n) RETURN coalesce(n.id, n.sha256) AS key, labels(n) AS labels, properties(n) AS props ORDER BY key
                        """).list(r -> r.get("key") + " " + r.get("labels").asList(Object::toString).stream().sorted().toList()
                        + " " + withoutTime(r.get("props").asMap())));
                all.addAll(session.run("""
                        MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props ORDER BY a, t, b
                        """).list(r -> r.get("a") + " " + r.get("t") + " " + r.get("b") + " " + withoutTime(r.get("props").asMap())));
                return all;
            }
        }

        /** Without the time of import and what the transactional path records of ownership that a bulk load leaves implied. */
        private static Map<String, Object> withoutTime(Map<String, Object> props) {
            Map<String, Object> sorted = new TreeMap<>(props);
            List.of("importedAt", "claims", "batches", "report", "sources").forEach(sorted::remove);
            return sorted;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        direct = new Service("embedded API", start("direct", true));
        driver = new Service("driver", start("driver", false));
    }

    private static ConfigurableApplicationContext start(String name, boolean directWrites) {
        Path dir = data.resolve(name);
        // As arguments: default properties would rank below the application's own settings.
        return new SpringApplicationBuilder(CiGraphApplication.class).run(
                java.util.stream.Stream.concat(Neo4jServer.graphArguments(dir.resolve("neo4j")).stream(), java.util.stream.Stream.of(
                "--server.port=0",
                "--cigraph.graph.embedded.direct-writes=" + directWrites,
                "--cigraph.rdf.dir=" + dir.resolve("tdb2"),
                "--cigraph.search.dir=" + dir.resolve("index"),
                "--cigraph.import.load-at-startup=false",
                "--cigraph.import.chunk-resources=5")).toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        direct.app().close();
        driver.app().close();
    }

    static Stream<Service> services() {
        return Stream.of(direct, driver);
    }

    @Test
    @Order(0)
    void whenNeo4jsImporterFailsTheLiveGraphIsLeftAsItWas() {
        Ontology ontology = direct.app().getBean(Ontology.class);
        ImportBatch addition = TestBatches.read(ontology, ADDITION, TestBatches.read(ontology, SEED));
        Projection graph = direct.stores().getFirst();

        // The relations name seed resources this load never brings: the importer refuses them.
        try (BulkLoad load = graph.bulkLoad()) {
            load.add(addition);
            assertThatThrownBy(() -> load.finish(List.of(TestBatches.summary(addition))))
                    .hasMessageContaining("importer failed");
        }

        assertThat(graph.isEmpty()).isTrue();
        assertThat(direct.count("MATCH (n) RETURN count(n)")).isZero();
    }

    @Order(1)
    @ParameterizedTest(name = "through the {0}")
    @MethodSource("services")
    void aProblemInAnyFileOfABulkImportLeavesEveryStoreEmpty(Service service) {
        assertThat(service.stores()).allMatch(Projection::isEmpty);
        List<ImportProgress> progress = new ArrayList<>();
        Path bad = Path.of("src/test/resources/importing/unknown-entity.ttl");

        assertThatThrownBy(() -> service.imports().importFiles(List.of(SEED, bad), false, progress::add))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessageContaining("unknown-entity.ttl");

        // The seed's chunks were written before the bad file was read: they are gone again.
        assertThat(progress).anyMatch(p -> p.bulk() && p.records() > 0);
        assertThat(service.stores()).allMatch(Projection::isEmpty);
        assertThat(service.count("MATCH (n) RETURN count(n)")).isZero();
    }

    @Order(1)
    @ParameterizedTest(name = "through the {0}")
    @MethodSource("services")
    void filesAreScannedSideBySideButTheFirstFileInOrderWithAProblemRejectsTheImport(Service service) throws Exception {
        Path syntax = Path.of("src/test/resources/importing/syntax-error.ttl");
        Path empty = Files.createFile(data.resolve(service.name() + "-empty.ttl"));

        assertThatThrownBy(() -> service.imports().importFiles(List.of(SEED, syntax, empty), false, p -> { }))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessageContaining("syntax-error.ttl")
                .hasMessageNotContaining("empty.ttl");
        assertThatThrownBy(() -> service.imports().importFiles(List.of(SEED, empty, syntax), false, p -> { }))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessageContaining("empty.ttl")
                .hasMessageNotContaining("syntax-error.ttl");
        assertThat(service.stores()).allMatch(Projection::isEmpty);
    }

    @Order(2)
    @ParameterizedTest(name = "through the {0}")
    @MethodSource("services")
    void intoEmptyStoresFilesAreBulkLoadedWithProgressAndEveryStoreHoldsThem(Service service) {
        List<ImportProgress> progress = new ArrayList<>();

        List<ImportReport> reports = service.imports().importFiles(FILES, false, progress::add);

        // The restating file describes a resource the seed describes: it is imported on its own,
        // after the bulk load of the files before it, so that neither statement erases the other.
        assertThat(reports).extracting(ImportReport::mode).containsExactly("bulk", "bulk", "transactional");
        assertThat(reports).extracting(ImportReport::status).containsOnly("imported");
        assertThat(reports.getFirst().resources()).isEqualTo(46);
        assertThat(reports.getFirst().storeMillis()).containsOnlyKeys("neo4j", "tdb2", "lucene");
        assertThat(progress.getLast().records()).isEqualTo(progress.getLast().totalRecords());
        assertThat(service.stores()).noneMatch(Projection::isEmpty);
        assertThat(service.stores()).allMatch(s -> s.batches().containsAll(reports.stream().map(ImportReport::sha256).toList()));
        // A load that ended leaves nothing behind for the next start to take for a load that did not.
        assertThat(data.resolve("direct/neo4j/bulk-spool")).doesNotExist();
        assertThat(data.resolve("direct/neo4j/bulk-import")).doesNotExist();
        assertThat(service.count("MATCH (n:Resource) RETURN count(n)")).isEqualTo(46 + reports.get(1).resources());
        // The restated relation is one relationship with both imports' provenance, the later source's preferred;
        // the restated resource one node, the union of both statements, the seed's name an alias.
        assertThat(service.count("MATCH ()-[r]->() RETURN count(r)"))
                .isEqualTo(reports.stream().mapToLong(ImportReport::relations).sum() - 1);
        assertThat(service.count("""
                MATCH (n:Resource {id: 'huawei-watch-gt-4', label: 'Huawei Watch GT 4 (restated)'})
                WHERE 'Huawei Watch GT 4' IN n.aliases AND size(n.batches) = 2 RETURN count(*)
                """)).isOne();
        assertThat(service.count("""
                MATCH (:Resource {id: 'huawei-watch-gt-4'})-[r:RUNS {confidence: 0.5}]->(:Resource {id: 'harmonyos-4'})
                WHERE r.evidence STARTS WITH 'stated again' AND size(r.batches) = 2 RETURN count(*)
                """)).isOne();
        assertThat(service.count("""
                MATCH (:Resource {id: 'huawei-watch-gt-4'})-[:RUNS]->(:Resource {id: 'harmonyos-4'}) RETURN count(*)
                """)).isOne();
        // SPARQL: the relation once in the default graph; each import's provenance in its claims graph.
        String port = service.app().getEnvironment().getProperty("local.server.port");
        try (var conn = org.apache.jena.rdfconnection.RDFConnectionRemote.service("http://localhost:" + port + "/sparql")
                .parseCheckSPARQL(false).build()) {
            List<String> rows = new ArrayList<>();
            conn.querySelect("SELECT ?x WHERE { res:huawei-watch-gt-4 kg:runs ?x }", r -> rows.add(r.get("x").toString()));
            assertThat(rows).hasSize(1);
            List<String> evidence = new ArrayList<>();
            conn.querySelect("""
                    SELECT ?g ?e WHERE { GRAPH ?g { ?r rdf:reifies <<( res:huawei-watch-gt-4 kg:runs res:harmonyos-4 )>> ; kg:evidence ?e } }
                    """, r -> evidence.add(r.getResource("g").getURI().replaceAll(".*/", "") + " " + r.getLiteral("e").getLexicalForm()));
            assertThat(evidence).hasSize(3).anyMatch(e -> e.startsWith("data stated again"))
                    .anyMatch(e -> e.startsWith(reports.get(2).batch() + " stated again"))
                    .anyMatch(e -> e.startsWith(reports.get(0).batch() + " ") && !e.contains("stated again"));
        }
    }

    @Test
    @Order(3)
    void theEmbeddedAndTheDriverBulkLoadsWriteTheSameGraph() {
        assertThat(direct.snapshot()).isNotEmpty().isEqualTo(driver.snapshot());
    }

    /**
     * Neo4j's label and type lookup indexes, which a new database has: without them every match on
     * a label alone scans every node (the ledger follower reads {@code (:ImportBatch)} after each
     * commit). A store an earlier version bulk-loaded lacks them; the next start creates them.
     */
    @Order(3)
    @ParameterizedTest(name = "through the {0}")
    @MethodSource("services")
    void afterABulkLoadLabelMatchesReadTheLookupIndexAndAStoreWithoutItGetsItAtStart(Service service) throws Exception {
        assertThat(lookupIndexes(service)).containsExactlyInAnyOrder("NODE", "RELATIONSHIP");
        assertThat(operators(service, "EXPLAIN MATCH (b:ImportBatch) RETURN b")).contains("NodeByLabelScan").doesNotContain("AllNodesScan");

        try (var session = service.app().getBean(Driver.class).session()) {
            session.run("SHOW INDEXES YIELD name, type WHERE type = 'LOOKUP' RETURN name").list(r -> r.get(0).asString())
                    .forEach(name -> session.run("DROP INDEX `" + name + "`").consume());
        }
        assertThat(lookupIndexes(service)).isEmpty();
        service.app().getBean(io.cigraph.graph.GraphStore.class).afterPropertiesSet();

        assertThat(lookupIndexes(service)).containsExactlyInAnyOrder("NODE", "RELATIONSHIP");
        assertThat(operators(service, "EXPLAIN MATCH ()-[r:RUNS]->() RETURN r")).anyMatch(o -> o.contains("RelationshipTypeScan"));
    }

    private static List<String> lookupIndexes(Service service) {
        try (var session = service.app().getBean(Driver.class).session()) {
            return session.run("SHOW INDEXES YIELD type, entityType, state WHERE type = 'LOOKUP' AND state = 'ONLINE' RETURN entityType")
                    .list(r -> r.get(0).asString());
        }
    }

    /** The operators of the plan Neo4j makes for {@code explain}. */
    private static List<String> operators(Service service, String explain) {
        try (var session = service.app().getBean(Driver.class).session()) {
            List<String> found = new ArrayList<>();
            java.util.ArrayDeque<org.neo4j.driver.summary.Plan> todo = new java.util.ArrayDeque<>();
            todo.add(session.run(explain).consume().plan());
            while (!todo.isEmpty()) {
                org.neo4j.driver.summary.Plan plan = todo.poll();
                found.add(plan.operatorType().replaceAll("@.*", ""));
                todo.addAll(plan.children());
            }
            return found;
        }
    }

    @Order(4)
    @ParameterizedTest(name = "through the {0}")
    @MethodSource("services")
    void theTransactionalPathWritingTheSameFilesOverTheBulkLoadChangesNothing(Service service) {
        List<String> bulk = service.snapshot();

        List<ImportReport> again = service.imports().importFiles(FILES, true, ImportProgress.Listener.NONE);

        assertThat(again).extracting(ImportReport::mode).containsOnly("transactional");
        // Every file's statements are owned by its batch already: the transactional path finds nothing to change.
        assertThat(service.snapshot()).isEqualTo(bulk);
    }
}
