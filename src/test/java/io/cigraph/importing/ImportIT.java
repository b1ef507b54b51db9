package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.cigraph.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

class ImportIT extends IntegrationTest {

    @Autowired
    ImportService imports;

    @Autowired
    io.cigraph.graph.GraphStore graph;

    @Autowired
    ProjectionSync sync;

    private static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(Path.of("src/test/resources/importing", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<ImportProblem> rejected(String file) {
        return rejected(file, fixture(file));
    }

    private List<ImportProblem> rejected(String file, byte[] content) {
        List<String> before = snapshot();
        ImportRejectedException e = catchThrowableOfType(ImportRejectedException.class,
                () -> imports.importTurtle(file, content, true));
        assertThat(e).as("%s must be rejected", file).isNotNull();
        assertThat(snapshot()).as("the graph after rejecting %s", file).isEqualTo(before);
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(file));
        return e.problems();
    }

    @Test
    void importingTheSameFileTwiceChangesNothing() {
        byte[] seed = readSeed();
        List<String> before = snapshot();
        ImportReport again = imports.importTurtle("huawei-ecosystem.ttl", seed, true);
        assertThat(again.status()).isEqualTo("imported");
        assertThat(again.resources()).isGreaterThan(40);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(imports.importTurtle("huawei-ecosystem.ttl", seed, false).status()).isEqualTo("unchanged");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theImportFolderAtStartIsKnownUnchangedByItsFilesDigestsAndANewFileInItIsImported(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("import/huawei-ecosystem.ttl"), dir.resolve("huawei-ecosystem.ttl"));
        ImportReport scanned = imports.importTurtle("huawei-ecosystem.ttl", readSeed(), false);
        List<String> before = snapshot();
        List<ImportReport> atStart = imports.importFolderAtStart(StartupImport.dataFiles(dir), Resolve.REPORT);
        assertThat(atStart).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("unchanged");
            assertThat(r.sha256()).isEqualTo(scanned.sha256());
            assertThat(r.batch()).isEqualTo(scanned.batch());
        });
        assertThat(snapshot()).isEqualTo(before);

        long resources = graph.content().resources();
        Files.writeString(dir.resolve("start-folder-addition.ttl"), """
                @prefix kg: <https://w3id.org/cigraph/ontology#> .
                @prefix res: <https://w3id.org/cigraph/id/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                res:start-folder-vendor a kg:Vendor ; rdfs:label "Start Folder Vendor" .
                """);
        List<ImportReport> withNew = imports.importFolderAtStart(StartupImport.dataFiles(dir), Resolve.REPORT);
        assertThat(withNew).extracting(ImportReport::file, ImportReport::status)
                .containsExactly(tuple("huawei-ecosystem.ttl", "unchanged"), tuple("start-folder-addition.ttl", "imported"));
        assertThat(graph.content().resources()).isEqualTo(resources + 1);
        assertThat(ProjectionSync.differences(sync.contents())).isEmpty();
    }

    private static byte[] readSeed() {
        try {
            return Files.readAllBytes(Path.of("import/huawei-ecosystem.ttl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aValidFileIsWrittenWithItsProvenanceAndTwiceIsTheSame() {
        ImportReport first = imports.importTurtle("valid-addition.ttl", fixture("valid-addition.ttl"), true);
        assertThat(first.resources()).isEqualTo(3);
        assertThat(first.relations()).isEqualTo(3);
        List<String> after = snapshot();
        imports.importTurtle("valid-addition.ttl", fixture("valid-addition.ttl"), true);
        assertThat(snapshot()).isEqualTo(after);
        assertThat(count("""
                MATCH (:Vendor {id: 'acme-devices'})-[r:DEVELOPS]->(w:Smartwatch:Wearable:Device:Product:Entity:Resource {id: 'acme-watch-1'})
                WHERE r.source = 'test-report' AND r.evidence STARTS WITH 'Acme' AND r.validFrom = date('2024-01-01')
                RETURN count(r)""", Map.of())).isEqualTo(1);
    }

    @Test
    void aRelationMayCiteASourceThatAnEarlierFileDescribed() {
        ImportReport report = imports.importTurtle("cites-earlier-source.ttl", fixture("cites-earlier-source.ttl"), true);
        assertThat(report.relations()).isEqualTo(1);
        assertThat(count("""
                MATCH (:TWSEarbuds {id: 'lambda-earbuds'})-[r:SUPPORTS]->(:Technology {id: 'nearlink'})
                WHERE r.source = 'huawei-has-established-differentiation-barriers-within-its-ecosystem'
                RETURN count(r)""", Map.of())).isEqualTo(1);
    }

    @Test
    void aRelationStatedWithTheInversePropertyIsStoredForwards() {
        imports.importTurtle("inverse-property.ttl", fixture("inverse-property.ttl"), true);
        assertThat(count("MATCH (:Vendor {id: 'huawei'})-[r:DEVELOPS]->(:FitnessBand {id: 'beta-band'}) RETURN count(r)", Map.of()))
                .isEqualTo(1);
        assertThat(count("MATCH ()-[r:DEVELOPED_BY]->() RETURN count(r)", Map.of())).isZero();
    }

    @Test
    void theGraphReadsBackEveryRecordWithItsProvenanceInChunks() {
        List<io.cigraph.model.ImportBatch> chunks = new java.util.ArrayList<>();
        graph.forEachChunk(7, chunks::add);
        assertThat(chunks).hasSizeGreaterThan(5).allSatisfy(c -> assertThat(c.resources()).hasSizeLessThanOrEqualTo(7));
        List<io.cigraph.model.ResourceRecord> resources = chunks.stream().flatMap(c -> c.resources().stream()).toList();
        assertThat(resources).extracting(io.cigraph.model.ResourceRecord::id).doesNotHaveDuplicates()
                .hasSize((int) count("MATCH (n:Resource) RETURN count(n)", Map.of()));
        var watch = resources.stream().filter(r -> r.id().equals("huawei-watch-gt-4")).findFirst().orElseThrow();
        assertThat(watch.types()).containsExactly("Smartwatch");
        assertThat(watch.aliases()).anySatisfy(a -> assertThat(a.language()).isEqualTo("zh"));
        var runs = chunks.stream().flatMap(c -> c.relations().stream())
                .filter(r -> r.subject().equals("huawei-watch-gt-4") && r.predicate().equals("runs")).findFirst().orElseThrow();
        assertThat(runs.object()).isEqualTo("harmonyos-4");
        assertThat(runs.provenance().source()).isEqualTo("huaweis-harmonyos-4-a-unifying-triumph-with-100-million-devices-worldwide");
        assertThat(runs.provenance().confidence()).isEqualTo(0.9);
        assertThat(graph.batches()).isNotEmpty();
    }

    @Test
    void aSyntaxErrorRejectsTheFileWithItsLine() {
        List<ImportProblem> problems = rejected("syntax-error.ttl");
        assertThat(problems).hasSize(1);
        assertThat(problems.getFirst().line()).isEqualTo(11L);
        assertThat(problems.getFirst().message()).startsWith("Turtle syntax error");
    }

    @Test
    void invalidRecordsRejectTheWholeFileIncludingItsValidRecords() {
        List<ImportProblem> problems = rejected("invalid-records.ttl");
        assertThat(problems).extracting(ImportProblem::record).contains("zeta-phone");
        assertThat(problems).extracting(ImportProblem::message).anyMatch(m -> m.contains("exactly one name"))
                .anyMatch(m -> m.contains("language tag"))
                .anyMatch(m -> m.contains("at most 25 words"))
                .anyMatch(m -> m.contains("from 0 to 1"));
        assertThat(problems).filteredOn(p -> p.message().contains("25 words"))
                .allSatisfy(p -> {
                    assertThat(p.line()).isEqualTo(17L);
                    assertThat(p.field()).startsWith("runs -> harmonyos-4");
                });
        assertThat(count("MATCH (n:Resource {id: 'epsilon-corp'}) RETURN count(n)", Map.of())).isZero();
    }

    @Test
    void namesAndIdsTooLongToIndexAreRejectedWithTheirRecord() {
        String word = "x".repeat(40_000);
        String file = """
                @prefix kg:   <https://w3id.org/cigraph/ontology#> .
                @prefix res:  <https://w3id.org/cigraph/id/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                res:long-name-vendor a kg:Vendor ; rdfs:label "%s" .
                res:%s a kg:Vendor ; rdfs:label "Long Id Vendor" .
                """.formatted(word, word);
        List<ImportProblem> problems = rejected("long-names.ttl", file.getBytes(StandardCharsets.UTF_8));
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.record()).isEqualTo("long-name-vendor");
            assertThat(p.line()).isEqualTo(4L);
            assertThat(p.message()).contains("at most 300 characters");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(5L);
            assertThat(p.message()).contains("at most 1000 characters");
        });
    }

    @Test
    void aRelationToAnUnknownEntityIsRejected() {
        List<ImportProblem> problems = rejected("unknown-entity.ttl");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.record()).isEqualTo("eta-phone");
            assertThat(p.field()).isEqualTo("runs");
            assertThat(p.line()).isEqualTo(13L);
            assertThat(p.message()).contains("unknown entity 'no-such-os'");
        });
    }

    @Test
    void classesAndPropertiesOutsideTheOntologyAreRejected() {
        List<ImportProblem> problems = rejected("unknown-terms.ttl");
        assertThat(problems).extracting(ImportProblem::field).contains("rdf:type", "colour");
        assertThat(problems).allSatisfy(p -> assertThat(p.record()).isEqualTo("theta"));
    }

    @Test
    void aRelationWithoutSourceOrEvidenceIsRejected() {
        List<ImportProblem> problems = rejected("missing-provenance.ttl");
        assertThat(problems).extracting(ImportProblem::message)
                .anyMatch(m -> m.contains("cites exactly one source"))
                .anyMatch(m -> m.contains("quotes its evidence"));
    }

    @Test
    void aRelationBetweenTheWrongKindsOfThingIsRejected() {
        List<ImportProblem> problems = rejected("wrong-ends.ttl");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.record()).isEqualTo("kappa-speaker");
            assertThat(p.message()).contains("must be software");
        });
    }

    @Test
    void anEmptyFileIsRejected() {
        List<String> before = snapshot();
        assertThatThrownBy(() -> imports.importTurtle("empty.ttl", new byte[0], false))
                .isInstanceOf(ImportRejectedException.class).hasMessageContaining("empty");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void overHttpAnImportNeedsTheApiKeyAndReportsProblemsAsProblemDetails() {
        List<String> before = snapshot();
        Response noKey = post("/api/imports?name=valid-addition.ttl", "text/turtle", fixture("valid-addition.ttl"), null);
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.contentType()).startsWith("application/problem+json");
        Response wrongKey = post("/api/imports", "text/turtle", fixture("valid-addition.ttl"), "nope");
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(snapshot()).isEqualTo(before);

        Response bad = post("/api/imports?name=unknown-entity.ttl", "text/turtle", fixture("unknown-entity.ttl"), API_KEY);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("type").asString()).endsWith("/import-rejected");
        var problem = bad.json().get("problems").get(0);
        assertThat(problem.get("file").asString()).isEqualTo("unknown-entity.ttl");
        assertThat(problem.get("line").asLong()).isEqualTo(13L);
        assertThat(problem.get("record").asString()).isEqualTo("eta-phone");
        assertThat(problem.get("field").asString()).isEqualTo("runs");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void overHttpAnImportedEntityIsServedOnceTheCallReturns() {
        Response created = post("/api/imports?name=http-addition.ttl&force=true", "text/turtle",
                fixture("valid-addition.ttl"), API_KEY);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("imported");
        Response watch = get("/api/entities/acme-watch-1");
        assertThat(watch.status()).isEqualTo(200);
        assertThat(watch.json().get("label").asString()).isEqualTo("Acme Watch 1");
    }
}
