package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CommandLineImportIT extends IntegrationTest {

    @Autowired
    CommandLineImport command;

    private record Run(int status, String output) {
    }

    private Run run(String... paths) {
        return run(false, paths);
    }

    private Run run(boolean dryRun, String... paths) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = command.run(java.util.Arrays.stream(paths).map(Path::of).toList(), dryRun,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDryRunPrintsWhatEachRecordWouldBecomeAndWritesNothing() throws java.io.IOException {
        Path file = java.nio.file.Files.createTempDirectory(java.nio.file.Files.createDirectories(Path.of("target")), "dry")
                .resolve("dry-run-vendor.ttl");
        java.nio.file.Files.writeString(file, """
                @prefix kg:   <https://w3id.org/cigraph/ontology#> .
                @prefix res:  <https://w3id.org/cigraph/id/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                res:dry-run-vendor a kg:Vendor ; rdfs:label "Dry Run Vendor" .
                """);
        List<String> before = snapshot();

        Run run = run(true, file.toString());

        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("file 1/1 dry-run-vendor.ttl: dry-run (transactional)", "changes: 1 created",
                "created dry-run-vendor");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(count("MATCH (n:Resource {id: 'dry-run-vendor'}) RETURN count(n)", Map.of())).isZero();
    }

    @Test
    void importsTheNamedFilesAndShowsProgress() {
        Run run = run("src/test/resources/importing/valid-addition.ttl", "import");
        assertThat(run.status()).isZero();
        assertThat(run.output()).contains("file 1/2 valid-addition.ttl: imported (transactional)",
                "file 2/2 huawei-ecosystem.ttl: unchanged", "100%", "records/s", "left");
        assertThat(count("MATCH (n:Resource {id: 'acme-watch-1'}) RETURN count(n)", Map.of())).isEqualTo(1);
    }

    @Test
    void aRejectedFileStopsTheRunWithItsProblemsAndStatus1() {
        List<String> before = snapshot();
        Run run = run("src/test/resources/importing/unknown-entity.ttl", "src/test/resources/importing/inverse-property.ttl");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.output()).contains("unknown-entity.ttl line 13, eta-phone runs: Relation to unknown entity 'no-such-os'")
                .doesNotContain("inverse-property.ttl");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void blankNodesNestedThousandsDeepAreARejectionWithFileAndLine() throws java.io.IOException {
        Path file = java.nio.file.Files.createTempDirectory(java.nio.file.Files.createDirectories(Path.of("target")), "deep")
                .resolve("deep.ttl");
        java.nio.file.Files.writeString(file, """
                @prefix kg:   <https://w3id.org/cigraph/ontology#> .
                @prefix res:  <https://w3id.org/cigraph/id/> .
                res:deep-vendor a kg:Vendor ;
                  kg:x %s1%s .
                """.formatted("[ kg:x ".repeat(4000), " ]".repeat(4000)));
        List<String> before = snapshot();
        Run run = run(file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.output()).contains("deep.ttl was rejected", "deep.ttl line 4", "deeper than 64")
                .doesNotContain("StackOverflow", "\tat ");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aFolderWithNothingImportableIsStatus2NamingTheFolderAndTheExtensions() throws java.io.IOException {
        Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Files.createDirectories(Path.of("target")), "nothing");
        java.nio.file.Files.writeString(dir.resolve("notes.txt"), "not data");
        java.nio.file.Files.writeString(dir.resolve("devices.json"), "{}");
        List<String> before = snapshot();
        Run run = run(dir.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.output()).contains("Nothing to import in the folder " + dir, ".ttl, .trig, .nt, .nq, .jsonld, .rdf");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aFolderImportsItsFilesOfEverySyntaxInNameOrderAndProgressEndsAtItsTotal() throws java.io.IOException {
        Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Files.createDirectories(Path.of("target")), "syntaxes");
        for (ImportFormat format : List.of(ImportFormat.N_QUADS, ImportFormat.JSON_LD, ImportFormat.RDF_XML)) {
            java.nio.file.Files.writeString(dir.resolve("orbit" + format.extension()),
                    ImportFormatsTests.fixture(format).replace("FMT", "cli" + format.extension().substring(1)));
        }
        java.nio.file.Files.writeString(dir.resolve("readme.txt"), "not data");
        Run run = run(dir.toString());
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("file 1/3 orbit.jsonld: imported", "file 2/3 orbit.nq: imported", "file 3/3 orbit.rdf: imported",
                "4 resources, 2 relations", "100%").doesNotContain("readme.txt");
        // The bar's total, counted before anything is written, is the records written: 3 x (4 resources + 2 relations).
        assertThat(run.output().lines().filter(l -> l.contains(" records |")))
                .isNotEmpty().allSatisfy(l -> assertThat(l).contains(" of 18 records"));
        assertThat(count("MATCH (:Resource {id: 'orbit-watch-clirdf'})-[r:RUNS {source: 'orbit-report-clirdf'}]->() RETURN count(r)",
                Map.of())).isEqualTo(1);
    }

    @Test
    void aMissingFileIsStatus2() {
        Run run = run("no/such/file.ttl");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.output()).contains("no/such/file.ttl");
    }
}
