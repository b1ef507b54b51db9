package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of a load into empty stores may be bulk-loaded together: none restating another's records. */
class BulkPrefixTests {

    private static final Ontology ONTOLOGY = Ontology.load(Path.of("ontology"), "https://w3id.org/cigraph/id/",
            "https://w3id.org/cigraph/ontology#");
    private static final Path SEED = Path.of("import/huawei-ecosystem.ttl");
    private static final String PREFIXES = """
            @prefix kg:   <https://w3id.org/cigraph/ontology#> .
            @prefix res:  <https://w3id.org/cigraph/id/> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            """;

    @TempDir
    Path dir;

    private List<FileScan> scans(Path... files) {
        var declared = new HashMap<String, List<String>>();
        return java.util.Arrays.stream(files).map(f -> FileScan.scan(ImportSource.of(f, ONTOLOGY), ONTOLOGY, declared, 5000)).toList();
    }

    private Path file(String name, String turtle) throws IOException {
        return Files.writeString(dir.resolve(name), PREFIXES + turtle, StandardCharsets.UTF_8);
    }

    @Test
    void filesOfTheirOwnRecordsAreBulkLoadedTogether() throws IOException {
        Path other = file("other.ttl", """
                res:acme a kg:Vendor ; rdfs:label "Acme" .
                res:acme kg:develops res:harmonyos .
                """);
        assertThat(ImportService.bulkPrefix(scans(SEED, other))).isEqualTo(2);
    }

    @Test
    void aFileThatDescribesAResourceAnEarlierOneDescribesIsImportedOnItsOwn() throws IOException {
        Path alias = file("alias.ttl", """
                @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
                res:huawei rdfs:label "Huawei" ; skos:altLabel "HW" .
                """);
        Path after = file("after.ttl", """
                res:acme a kg:Vendor ; rdfs:label "Acme" .
                """);
        assertThat(ImportService.bulkPrefix(scans(SEED, alias, after))).isEqualTo(1);
    }

    @Test
    void aFileThatStatesARelationAnEarlierOneStatesIsImportedOnItsOwnWhateverItsDirection() throws IOException {
        Path again = file("again.ttl", """
                res:note a kg:Article ; rdfs:label "A note" .
                res:harmonyos kg:developedBy res:huawei {| kg:source res:note ; kg:evidence "said again" |} .
                """);
        assertThat(ImportService.bulkPrefix(scans(SEED, again))).isEqualTo(1);
    }
}
