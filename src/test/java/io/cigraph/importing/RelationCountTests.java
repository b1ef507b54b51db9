package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.ontology.Ontology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A file's verdict does not depend on where its relations stand: the same statements, with the
 * release's {@code kg:releaseOf} (one, or a second that breaks the rule) and the vendor's
 * {@code kg:develops} next to their resources, many chunks after them or many chunks before, are
 * judged alike (chunks of two resources here, so that the file stays small).
 */
class RelationCountTests {

    private static final Ontology ONTOLOGY = Ontology.load(Path.of("ontology"), "https://w3id.org/cigraph/id/",
            "https://w3id.org/cigraph/ontology#");
    private static final int CHUNK = 2;
    private static final String HEADER = """
            @prefix kg:   <https://w3id.org/cigraph/ontology#> .
            @prefix res:  <https://w3id.org/cigraph/id/> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            res:order-report a kg:Article ; rdfs:label "Order report" ; kg:title "Order report" ; kg:publishedOn "2024-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .
            res:os-a a kg:OperatingSystem ; rdfs:label "OS A" .
            res:os-b a kg:OperatingSystem ; rdfs:label "OS B" .
            """;
    private static final String FILLERS = """
            res:region-1 a kg:Region ; rdfs:label "Region 1" .
            res:region-2 a kg:Region ; rdfs:label "Region 2" .
            res:region-3 a kg:Region ; rdfs:label "Region 3" .
            res:region-4 a kg:Region ; rdfs:label "Region 4" .
            res:region-5 a kg:Region ; rdfs:label "Region 5" .
            res:region-6 a kg:Region ; rdfs:label "Region 6" .
            res:region-7 a kg:Region ; rdfs:label "Region 7" .
            """;

    private static String relation(String s, String p, String o) {
        return "res:%s kg:%s res:%s {| kg:source res:order-report ; kg:evidence \"%s %s %s\" |} .\n".formatted(s, p, o, s, p, o);
    }

    /**
     * The release and the vendor with {@code near} relations next to them, then the fillers; the
     * {@code moved} relations next to them too, far after them, or far before them.
     */
    private static List<String> orders(List<String> near, List<String> moved) {
        String resources = """
                res:order-vendor a kg:Vendor ; rdfs:label "Order Vendor" .
                res:order-os-1 a kg:OperatingSystemRelease ; rdfs:label "Order OS 1" .
                """ + String.join("", near);
        String away = String.join("", moved);
        return List.of(
                HEADER + resources + away + FILLERS,
                HEADER + resources + FILLERS + away,
                HEADER + away + FILLERS + resources);
    }

    /** What the checks find, without line numbers: the record, field and message of every error and warning. */
    private record Verdict(Set<String> errors, Set<String> warnings) {
    }

    private static Verdict check(String turtle) {
        return check(turtle, ids -> List.of());
    }

    private static Verdict check(String turtle, java.util.function.Function<java.util.Collection<String>,
            List<io.cigraph.model.RelationRecord>> inGraph) {
        ImportSource source = ImportSource.of("order.ttl", turtle.getBytes(StandardCharsets.UTF_8));
        Map<String, List<String>> declared = new HashMap<>();
        FileScan scan = FileScan.scan(source, ONTOLOGY, declared, CHUNK);
        assertThat(scan.problems()).isEmpty();
        Set<String> errors = new TreeSet<>();
        Set<String> warnings = new TreeSet<>();
        FileRecords.read(source, scan.sha256(), ONTOLOGY, CHUNK, ids -> {
            Map<String, List<String>> types = new HashMap<>();
            ids.forEach(id -> types.put(id, declared.getOrDefault(id, List.of())));
            return types;
        }, names -> Map.of(), inGraph, chunk -> {
            chunk.problems().forEach(p -> errors.add(p.record() + " " + p.field() + ": " + p.message()));
            chunk.warnings().forEach(p -> warnings.add(p.record() + " " + p.field() + ": " + p.message()));
        });
        return new Verdict(errors, warnings);
    }

    @Test
    void aReleaseOfStatedChunksAwayFromItsReleaseIsAcceptedAsWhenNextToIt() {
        List<Verdict> verdicts = orders(List.of(), List.of(relation("order-vendor", "develops", "order-os-1"),
                relation("order-os-1", "releaseOf", "os-a"))).stream().map(RelationCountTests::check).toList();
        assertThat(verdicts.getFirst().errors()).isEmpty();
        assertThat(verdicts.getFirst().warnings()).noneMatch(w -> w.startsWith("order-vendor") || w.startsWith("order-os-1"));
        assertThat(verdicts).allSatisfy(v -> assertThat(v).isEqualTo(verdicts.getFirst()));
    }

    @Test
    void aReleaseOfTwoSystemsIsRejectedWhereverTheSecondIsStated() {
        List<Verdict> verdicts = orders(List.of(relation("order-os-1", "releaseOf", "os-a")), List.of(
                relation("order-vendor", "develops", "order-os-1"), relation("order-os-1", "releaseOf", "os-b")))
                .stream().map(RelationCountTests::check).toList();
        assertThat(verdicts.getFirst().errors()).anyMatch(e -> e.startsWith("order-os-1 releaseOf: ")
                && e.contains("belongs to exactly one operating system"));
        assertThat(verdicts).allSatisfy(v -> assertThat(v).isEqualTo(verdicts.getFirst()));
    }

    @Test
    void aReleaseOfNoSystemIsRejectedAndAVendorThatDevelopsNothingWarnedOf() {
        String turtle = HEADER + """
                res:order-vendor a kg:Vendor ; rdfs:label "Order Vendor" .
                res:order-os-1 a kg:OperatingSystemRelease ; rdfs:label "Order OS 1" .
                """ + FILLERS;
        Verdict v = check(turtle);
        assertThat(v.errors()).anyMatch(e -> e.startsWith("order-os-1 releaseOf: "));
        assertThat(v.warnings()).anyMatch(w -> w.startsWith("order-vendor develops|offers: "));
    }

    @Test
    void aRestatementWithoutARelationAnotherImportGivesIsCountedWithThatOneAndNotWithASecond() {
        String turtle = HEADER + """
                res:order-vendor a kg:Vendor ; rdfs:label "Order Vendor" .
                res:order-os-1 a kg:OperatingSystemRelease ; rdfs:label "Order OS 1" .
                """ + FILLERS;
        List<String> asked = new java.util.ArrayList<>();
        Verdict v = check(turtle, ids -> {
            asked.addAll(ids);
            return List.of(new io.cigraph.model.RelationRecord("order-os-1", "releaseOf", "os-b", io.cigraph.model.Provenance.NONE, 0),
                    new io.cigraph.model.RelationRecord("order-vendor", "develops", "order-os-1", io.cigraph.model.Provenance.NONE, 0));
        });
        assertThat(asked).containsExactlyInAnyOrder("order-vendor", "order-os-1");
        assertThat(v.errors()).isEmpty();
        assertThat(v.warnings()).noneMatch(w -> w.startsWith("order-vendor") || w.startsWith("order-os-1"));

        // The file states one releaseOf: the graph's other one does not make it two, as the file stands.
        Verdict stated = check(turtle + relation("order-os-1", "releaseOf", "os-a"), ids -> List.of(
                new io.cigraph.model.RelationRecord("order-os-1", "releaseOf", "os-b", io.cigraph.model.Provenance.NONE, 0)));
        assertThat(stated.errors()).isEmpty();
    }
}
