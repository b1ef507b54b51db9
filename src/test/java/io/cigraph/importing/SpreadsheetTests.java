package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cigraph.model.Alias;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A spreadsheet read through its mapping gives the records a Turtle file would, checked by the
 * same code, and names what is wrong with it by line and column.
 */
class SpreadsheetTests {

    private static final Ontology ONTOLOGY = Ontology.load(Path.of("ontology"), "https://w3id.org/cigraph/id/",
            "https://w3id.org/cigraph/ontology#");

    private static final String MAPPING = """
            id: {column: id, from: name}
            label: name
            aliases:
              - {column: zh, language: zh, separator: "|"}
            class:
              column: kind
              values: {phone: Smartphone, watch: Smartwatch, vendor: Vendor}
            properties:
              - {column: released, property: launchYear, datatype: gYear, format: dd/MM/yyyy}
            relations:
              - {column: maker, property: developedBy, by: name}
            ignore: [chipset]
            provenance:
              source: {id: test-sheet, title: "A test sheet", publisher: Tests, date: 2026-12-01}
              evidence: {column: note}
              confidence: 0.7
              validFrom: {column: released, format: dd/MM/yyyy}
            """;

    private static final String HEADER = "id,name,zh,kind,released,maker,note,chipset\n";

    /** Everything a file's two passes give: scan problems, or the records and problems of its chunks. */
    private record Outcome(List<ImportProblem> problems, List<ResourceRecord> resources, List<RelationRecord> relations) {
    }

    private static Outcome read(String fileName, byte[] csv, String mapping, Map<String, List<String>> graphNames) {
        return read(fileName, csv, mapping, graphNames, Map.of("huawei", List.of("Vendor")));
    }

    private static Outcome read(String fileName, byte[] csv, String mapping, Map<String, List<String>> graphNames,
                                Map<String, List<String>> graphTypes) {
        ImportSource source = new ImportSource(fileName, csv.length, ImportFormat.TURTLE, () -> new java.io.ByteArrayInputStream(csv),
                SpreadsheetMapping.read("test.mapping.yaml", mapping.getBytes(StandardCharsets.UTF_8), ONTOLOGY));
        Map<String, List<String>> declared = new HashMap<>();
        FileScan scan = FileScan.scan(source, ONTOLOGY, declared, 2);
        if (!scan.problems().isEmpty()) {
            return new Outcome(scan.problems(), List.of(), List.of());
        }
        List<ImportProblem> problems = new ArrayList<>();
        List<ResourceRecord> resources = new ArrayList<>();
        List<RelationRecord> relations = new ArrayList<>();
        FileRecords.read(source, scan.sha256(), ONTOLOGY, 2, (Collection<String> ids) -> {
            Map<String, List<String>> types = new HashMap<>();
            ids.forEach(id -> {
                if (declared.containsKey(id)) {
                    types.put(id, declared.get(id));
                } else if (graphTypes.containsKey(id)) {
                    types.put(id, graphTypes.get(id));
                }
            });
            return types;
        }, names -> graphNames, chunk -> {
            problems.addAll(chunk.problems());
            resources.addAll(chunk.resources());
            relations.addAll(chunk.relations());
        });
        return new Outcome(problems, resources, relations);
    }

    private static Outcome read(String csv) {
        return read("devices.csv", csv.getBytes(StandardCharsets.UTF_8), MAPPING, Map.of("华为", List.of("huawei")));
    }

    @Test
    void rowsBecomeTheRecordsTurtleWouldGiveWithTheirProvenance() {
        Outcome outcome = read(HEADER
                + ",Acme Phones,,vendor,,,,\n"
                + "acme-x1,\"Acme X1, 5G\",爱客一号|X1,phone,15/03/2024,acme phones,\"Launched \"\"today\"\"\",A17\n"
                + ",Acme Watch,,watch,01/09/2023,华为,From the spec sheet,\n");

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.resources()).extracting(ResourceRecord::id)
                .containsExactlyInAnyOrder("test-sheet", "acme-phones", "acme-x1", "acme-watch");
        ResourceRecord phone = outcome.resources().stream().filter(r -> r.id().equals("acme-x1")).findFirst().orElseThrow();
        assertThat(phone.label()).isEqualTo("Acme X1, 5G");
        assertThat(phone.types()).containsExactly("Smartphone");
        assertThat(phone.aliases()).containsExactly(new Alias("爱客一号", "zh"), new Alias("X1", "zh"));
        assertThat(phone.properties()).containsEntry("launchYear", "2024");
        assertThat(phone.line()).isEqualTo(3L);
        assertThat(outcome.relations()).extracting(r -> r.subject() + " " + r.predicate() + " " + r.object())
                .containsExactlyInAnyOrder("acme-phones develops acme-x1", "huawei develops acme-watch");
        RelationRecord made = outcome.relations().stream().filter(r -> r.object().equals("acme-x1")).findFirst().orElseThrow();
        assertThat(made.provenance().source()).isEqualTo("test-sheet");
        assertThat(made.provenance().evidence()).isEqualTo("Launched \"today\"");
        assertThat(made.provenance().confidence()).isEqualTo(0.7);
        assertThat(made.provenance().validFrom()).isEqualTo(LocalDate.of(2024, 3, 15));
    }

    @Test
    void aHeaderThatDoesNotMatchNamesTheMissingAndTheUnknownColumns() {
        Outcome outcome = read("id,name,zh,kind,released,manufacturer,note,chipset,ram\n");

        assertThat(outcome.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1L);
            assertThat(p.message()).contains("missing 'maker'", "unknown 'manufacturer', 'ram'", "test.mapping.yaml");
        });
    }

    @Test
    void aBadCellNamesItsLineColumnAndWhyAndTheRestOfTheFileIsStillChecked() {
        Outcome outcome = read(HEADER
                + ",Acme Phones,,vendor,,,,\n"
                + ",Acme X1,,phone,2024-03-15,acme phones,quote,\n"
                + ",Acme X2,,phone,15/03/2024,Acme Fones,quote,\n"
                + ",Acme X3,,phone,30/02/2024,acme phones,quote,\n");

        assertThat(outcome.problems()).hasSize(3);
        assertThat(outcome.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(5L);
            assertThat(p.message()).contains("'30/02/2024' is not a date");
        });
        assertThat(outcome.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("devices.csv");
            assertThat(p.line()).isEqualTo(3L);
            assertThat(p.record()).isEqualTo("acme-x1");
            assertThat(p.field()).isEqualTo("released (column 5)");
            assertThat(p.message()).contains("'2024-03-15' is not a date", "dd/MM/yyyy");
        });
        assertThat(outcome.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(4L);
            assertThat(p.field()).isEqualTo("maker (column 6)");
            assertThat(p.message()).contains("No resource in this file or the graph is named 'Acme Fones'");
        });
    }

    @Test
    void aRowWithTheWrongNumberOfCellsOrAnUnknownClassIsAProblemAtItsLine() {
        Outcome outcome = read(HEADER + ",Acme Phones,,vendor,,,\n,Acme Tab,,tablet,,,,\n");

        assertThat(outcome.problems()).extracting(ImportProblem::line).containsExactly(2L, 3L);
        assertThat(outcome.problems().get(0).message()).contains("7 cells and the header 8");
        assertThat(outcome.problems().get(1).field()).isEqualTo("kind (column 4)");
        assertThat(outcome.problems().get(1).message()).contains("'tablet' is not a class", "phone, watch, vendor");
    }

    @Test
    void theSharedChecksFindingsPointAtTheColumn() {
        // A watch cannot develop anything: the ontology's domain of develops, checked by the shapes.
        Outcome outcome = read(HEADER + ",Acme Watch,,watch,,,,\n,Acme X1,,phone,,acme watch,,\n");

        assertThat(outcome.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(2L);
            assertThat(p.record()).isEqualTo("acme-watch");
            assertThat(p.message()).contains("Only an organisation develops things");
        });
        // The note column is empty, and every relation quotes its evidence.
        assertThat(outcome.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(3L);
            assertThat(p.field()).isEqualTo("note (develops -> acme-x1 / evidence)");
        });
    }

    @Test
    void aSemicolonFileInUtf16IsReadAsTheMappingSays() {
        String mapping = "delimiter: semicolon\n" + MAPPING;
        String csv = "\uFEFF" + HEADER.replace(',', ';') + ";Acme Phones;;vendor;;;;\n";
        Outcome outcome = read("devices.csv", csv.getBytes(StandardCharsets.UTF_16LE), mapping, Map.of());

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.resources()).extracting(ResourceRecord::id).contains("acme-phones");
    }

    @Test
    void aTsvIsReadWithTabs() {
        String tsv = HEADER.replace(',', '\t') + "\tAcme Phones\t\tvendor\t\t\t\t\n";
        Outcome outcome = read("devices.tsv", tsv.getBytes(StandardCharsets.UTF_8), MAPPING, Map.of());

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.resources()).extracting(ResourceRecord::id).contains("acme-phones");
    }

    @Test
    void twoRowsWithTheSameIdAreAProblem() {
        Outcome outcome = read(HEADER + ",Acme Phones,,vendor,,,,\n,ACME phones!,,vendor,,,,\n");

        assertThat(outcome.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3L);
            assertThat(p.message()).contains("also the row at line 2");
        });
    }

    @Test
    void aMappingNamingWhatTheOntologyDoesNotHaveIsRejectedWithEveryProblem() {
        String mapping = """
                id: {from: name}
                label: name
                class: Phablet
                properties:
                  - {column: ram, property: ramSize, datatype: decimal}
                  - {column: year, property: launchYear, unit: GB}
                relations:
                  - {column: maker, property: makes, by: name}
                provenance: {source: known-source}
                """;
        assertThatThrownBy(() -> SpreadsheetMapping.read("bad.mapping.yaml", mapping.getBytes(StandardCharsets.UTF_8), ONTOLOGY))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                    assertThat(e.file()).isEqualTo("bad.mapping.yaml");
                    assertThat(e.problems()).extracting(ImportProblem::field)
                            .containsExactlyInAnyOrder("class", "properties[0].property", "properties[1].unit", "relations[0].property");
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("'launchYear' has no unit"));
                });
    }

    @Test
    void aColumnWithoutADatatypeTakesItsPropertysRange() {
        String mapping = """
                id: {from: name}
                label: name
                class: Smartphone
                properties:
                  - {column: ram, property: ramGB, unit: GB}
                  - {column: released, property: releaseDate}
                  - {column: model, property: modelNumber}
                """;
        SpreadsheetMapping read = SpreadsheetMapping.read("typed.mapping.yaml", mapping.getBytes(StandardCharsets.UTF_8), ONTOLOGY);
        assertThat(read.properties()).extracting(SpreadsheetMapping.PropertyColumn::datatype)
                .containsExactly("decimal", "date", "string");
    }

    @Test
    void idsAreSlugsOfNames() {
        assertThat(Spreadsheet.slug("Huawei Watch GT 4")).isEqualTo("huawei-watch-gt-4");
        assertThat(Spreadsheet.slug("  Café Phone (2nd gen.) ")).isEqualTo("cafe-phone-2nd-gen");
        assertThat(Spreadsheet.slug("华为")).isEmpty();
    }

    private static final String RELATIONS_MAPPING = """
            rows: relations
            subject: subject
            predicate: predicate
            object: object
            provenance:
              source: {column: source}
              evidence: {column: evidence}
              confidence: {column: confidence}
              validFrom: {column: validFrom}
              validTo: {column: validTo}
            """;

    private static final String RELATIONS_HEADER = "subject,predicate,object,source,evidence,confidence,validFrom,validTo\n";

    /** What the graph holds for the tables of relations here. */
    private static final Map<String, List<String>> GRAPH = Map.of("huawei", List.of("Vendor"),
            "huawei-mate-60", List.of("Smartphone"), "huawei-pura-70", List.of("Smartphone"),
            "an-article", List.of("Article"), "mate-shipments", List.of("Observation"));

    private static Outcome readRelations(String rows) {
        return read("relations.csv", (RELATIONS_HEADER + rows).getBytes(StandardCharsets.UTF_8), RELATIONS_MAPPING, Map.of(), GRAPH);
    }

    @Test
    void aTableOfRelationsGivesARelationARowWithItsProvenanceInverseNamesForwards() {
        Outcome outcome = readRelations("""
                huawei,develops,huawei-mate-60,an-article,Huawei launched the Mate 60,0.9,2023-08-29,2025-12-31
                huawei-pura-70,developedBy,huawei,an-article,Huawei's Pura 70,,,
                mate-shipments,observationOf,huawei-mate-60,,,,,
                """);

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.resources()).isEmpty();
        assertThat(outcome.relations()).extracting(r -> r.subject() + " " + r.predicate() + " " + r.object() + " " + r.line())
                .containsExactlyInAnyOrder("huawei develops huawei-mate-60 2", "huawei develops huawei-pura-70 3",
                        "mate-shipments observationOf huawei-mate-60 4");
        RelationRecord mate = outcome.relations().stream().filter(r -> r.object().equals("huawei-mate-60")
                && r.predicate().equals("develops")).findFirst().orElseThrow();
        assertThat(mate.provenance().source()).isEqualTo("an-article");
        assertThat(mate.provenance().evidence()).isEqualTo("Huawei launched the Mate 60");
        assertThat(mate.provenance().confidence()).isEqualTo(0.9);
        assertThat(mate.provenance().validFrom()).isEqualTo(LocalDate.of(2023, 8, 29));
        assertThat(mate.provenance().validTo()).isEqualTo(LocalDate.of(2025, 12, 31));
        // A link that structures an observation carries no provenance, as in Turtle.
        assertThat(outcome.relations()).filteredOn(r -> r.predicate().equals("observationOf"))
                .singleElement().satisfies(r -> assertThat(r.provenance().source()).isNull());
    }

    @Test
    void anUnknownPredicateABadConfidenceAndAnUnknownIdAreProblemsAtTheirLineAndColumn() {
        Outcome outcome = readRelations("""
                huawei,makes,huawei-mate-60,an-article,Huawei makes the Mate 60,0.9,,
                huawei,develops,huawei-pura-70,an-article,Huawei's Pura 70,high,,
                huawei,develops,huawei-mate-99,an-article,Huawei's Mate 99,0.5,,
                huawei,develops,huawei-mate-60,an-article,Huawei launched the Mate 60,1.5,,
                """);

        assertThat(outcome.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(2L);
            assertThat(p.field()).isEqualTo("predicate (column 2)");
            assertThat(p.message()).contains("'makes' is not a relation of the ontology");
        });
        assertThat(outcome.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(3L);
            assertThat(p.field()).isEqualTo("confidence (column 6)");
            assertThat(p.message()).contains("'high' is not a number");
        });
        assertThat(outcome.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(4L);
            assertThat(p.field()).startsWith("object (");
            assertThat(p.message()).contains("unknown entity 'huawei-mate-99'");
        });
        // Out of range: the shapes' check of every relation's provenance, pointed at the column.
        assertThat(outcome.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(5L);
            assertThat(p.field()).isEqualTo("confidence (develops -> huawei-mate-60 / confidence)");
        });
    }

    @Test
    void aTableOfRelationsHasNoResourceKeysAndNamesItsThreeColumns() {
        String mapping = """
                rows: relations
                subject: from
                label: name
                provenance: {source: an-article}
                """;
        assertThatThrownBy(() -> SpreadsheetMapping.read("rel.mapping.yaml", mapping.getBytes(StandardCharsets.UTF_8), ONTOLOGY))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> assertThat(e.problems())
                        .extracting(ImportProblem::field).containsExactlyInAnyOrder("label", "predicate", "object"));
    }

    @Test
    void aNodeTableAsTheExportWritesItTakesSeveralClassNamesEscapedSeparatorsAndNumbersOfBothKinds() {
        String mapping = """
                id: {column: id}
                label: label
                class: {column: types, separator: "|"}
                aliases:
                  - {column: aliases@zh, language: zh, separator: "|"}
                properties:
                  - {column: characteristic, property: characteristic, separator: "|"}
                  - {column: value, property: value, datatype: number}
                """;
        String csv = "id,label,types,aliases@zh,characteristic,value\n"
                + "acme-x1,Acme X1,Smartphone|Product,爱客|一号,fast\\|light|small \\\\ round,87\n"
                + "acme-x2,Acme X2,Smartphone,,,0.5\n";
        Outcome outcome = read("nodes.csv", csv.getBytes(StandardCharsets.UTF_8), mapping, Map.of());

        assertThat(outcome.problems()).isEmpty();
        ResourceRecord x1 = outcome.resources().stream().filter(r -> r.id().equals("acme-x1")).findFirst().orElseThrow();
        assertThat(x1.types()).containsExactly("Smartphone", "Product");
        assertThat(x1.aliases()).containsExactly(new Alias("爱客", "zh"), new Alias("一号", "zh"));
        assertThat(x1.properties()).containsEntry("characteristic", List.of("fast|light", "small \\ round"))
                .containsEntry("value", 87L);
        ResourceRecord x2 = outcome.resources().stream().filter(r -> r.id().equals("acme-x2")).findFirst().orElseThrow();
        assertThat(x2.properties()).containsEntry("value", 0.5);
    }
}
