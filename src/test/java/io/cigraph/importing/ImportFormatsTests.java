package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every syntax, and every form of provenance, ends in the same canonical records: the same small
 * dataset ({@code formats/orbit.*}) in Turtle with RDF 1.2 annotations, TriG and N-Quads with a
 * named graph per source, N-Triples with RDF 1.2 reifiers, JSON-LD and RDF/XML with RDF 1.1
 * reification.
 */
class ImportFormatsTests {

    private static final Ontology ONTOLOGY = Ontology.load(Path.of("ontology"), "https://w3id.org/cigraph/id/",
            "https://w3id.org/cigraph/ontology#");
    private static final Path FORMATS = Path.of("src/test/resources/importing/formats");
    private static final int CHUNK = 5000;

    /** What the second pass made of a file, without lines, and what the first pass counted. */
    private record Read(List<ResourceRecord> resources, List<RelationRecord> relations, List<ImportProblem> problems,
                        long counted) {
    }

    static String fixture(ImportFormat format) {
        try {
            return Files.readString(FORMATS.resolve("orbit" + format.extension()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Read read(String name, String text) {
        return read(name, text, CHUNK);
    }

    private static Read read(String name, String text, int chunk) {
        ImportSource source = ImportSource.of(name, text.getBytes(StandardCharsets.UTF_8));
        Map<String, List<String>> declared = new HashMap<>();
        FileScan scan = FileScan.scan(source, ONTOLOGY, declared, chunk);
        if (!scan.problems().isEmpty()) {
            return new Read(List.of(), List.of(), scan.problems(), scan.resources() + scan.relations());
        }
        List<ResourceRecord> resources = new ArrayList<>();
        List<RelationRecord> relations = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        FileRecords.read(source, scan.sha256(), ONTOLOGY, chunk, ids -> {
            Map<String, List<String>> types = new HashMap<>();
            ids.forEach(id -> types.put(id, declared.getOrDefault(id, List.of())));
            return types;
        }, names -> Map.of(), c -> {
            c.resources().forEach(r -> resources.add(new ResourceRecord(r.id(), r.iri(), r.types(), r.label(), r.aliases(),
                    r.description(), r.properties(), 0)));
            c.relations().forEach(r -> relations.add(new RelationRecord(r.subject(), r.predicate(), r.object(), r.provenance(), 0)));
            problems.addAll(c.problems());
        });
        resources.sort(Comparator.comparing(ResourceRecord::id));
        relations.sort(Comparator.comparing(Object::toString));
        return new Read(resources, relations, problems, scan.resources() + scan.relations());
    }

    private static Read orbit(ImportFormat format) {
        return read("orbit" + format.extension(), fixture(format).replace("FMT", "x"));
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void theSameDatasetInEverySyntaxGivesTheSameRecords(ImportFormat format) {
        Read turtle = orbit(ImportFormat.TURTLE);
        assertThat(turtle.problems()).isEmpty();
        assertThat(turtle.resources()).hasSize(4);
        assertThat(turtle.relations()).hasSize(2).allSatisfy(r -> assertThat(r.provenance().source()).isEqualTo("orbit-report-x"));
        assertThat(turtle.relations()).anySatisfy(r -> {
            assertThat(r.provenance().evidence()).isEqualTo("Orbit x develops Orbit OS x");
            assertThat(r.provenance().confidence()).isEqualTo(0.9);
            assertThat(r.provenance().validFrom()).hasToString("2024-01-01");
        });

        Read read = orbit(format);
        assertThat(read.problems()).as(format.label()).isEmpty();
        assertThat(read.resources()).as(format.label()).isEqualTo(turtle.resources());
        assertThat(read.relations()).as(format.label()).isEqualTo(turtle.relations());
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void theFirstPassCountsTheRecordsTheSecondMakesSoProgressEndsAtItsTotal(ImportFormat format) {
        Read read = orbit(format);
        assertThat(read.counted()).as(format.label()).isEqualTo(read.resources().size() + (long) read.relations().size());
    }

    @Test
    void countsAgreeWhenAFileIsReadInSeveralChunks() {
        Read read = read("orbit.ttl", fixture(ImportFormat.TURTLE).replace("FMT", "x"), 1);
        assertThat(read.problems()).isEmpty();
        assertThat(read.counted()).isEqualTo(6);
    }

    private static final String PREFIXES = """
            @prefix kg:   <https://w3id.org/cigraph/ontology#> .
            @prefix res:  <https://w3id.org/cigraph/id/> .
            @prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
            res:r1 a kg:Article ; rdfs:label "R1" ; kg:title "R1" .
            res:v1 a kg:Vendor ; rdfs:label "V1" .
            res:os1 a kg:OperatingSystem ; rdfs:label "OS1" .
            """;

    @Test
    void rdf11ReificationGivesTheProvenanceOfAnAnnotationWhetherTheRelationIsStatedOrNot() {
        Read annotated = read("a.ttl", PREFIXES + """
                res:v1 kg:develops res:os1 {| kg:source res:r1 ; kg:evidence "V1 makes OS1" ; kg:confidence 0.5 |} .
                """);
        String reification = """
                [] a rdf:Statement ; rdf:subject res:v1 ; rdf:predicate kg:develops ; rdf:object res:os1 ;
                   kg:source res:r1 ; kg:evidence "V1 makes OS1" ; kg:confidence 0.5 .
                """;
        Read alone = read("b.ttl", PREFIXES + reification);
        Read stated = read("c.ttl", PREFIXES + "res:v1 kg:develops res:os1 .\n" + reification);

        assertThat(annotated.problems()).isEmpty();
        assertThat(annotated.relations()).singleElement().satisfies(r -> assertThat(r.provenance().evidence()).isEqualTo("V1 makes OS1"));
        for (Read r : List.of(alone, stated)) {
            assertThat(r.problems()).isEmpty();
            assertThat(r.relations()).isEqualTo(annotated.relations());
            assertThat(r.counted()).isEqualTo(annotated.counted());
        }
    }

    @Test
    void aReificationWithoutItsObjectIsAProblemAtItsLine() {
        Read read = read("d.ttl", PREFIXES + """
                [] a rdf:Statement ; rdf:subject res:v1 ; rdf:predicate kg:develops ;
                   kg:source res:r1 ; kg:evidence "V1 makes OS1" .
                """);
        assertThat(read.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(9L);
            assertThat(p.record()).isEqualTo("v1");
            assertThat(p.message()).contains("exactly one rdf:subject", "rdf:object");
        });
    }

    @Test
    void aNamedGraphGivesTheProvenanceOfAnAnnotation() {
        Read annotated = read("a.ttl", PREFIXES + "res:v1 kg:develops res:os1 {| kg:source res:r1 ; kg:evidence \"e\" |} .\n");
        Read graph = read("e.trig", PREFIXES + "res:r1 { res:v1 kg:develops res:os1 {| kg:evidence \"e\" |} . }\n");
        assertThat(graph.problems()).isEmpty();
        assertThat(graph.relations()).isEqualTo(annotated.relations());
    }

    @Test
    void aNamedGraphThatIsNotASourceIsAProblemThatSaysSo() {
        Read vendor = read("f.trig", PREFIXES + "res:v1 { res:v1 kg:develops res:os1 . }\n");
        assertThat(vendor.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(9L);
            assertThat(p.record()).isEqualTo("v1");
            assertThat(p.field()).isEqualTo("develops");
            assertThat(p.message()).contains("named graph res:v1", "not a source");
        });
        Read elsewhere = read("g.trig", PREFIXES + "<http://example.org/g> { res:v1 kg:develops res:os1 . }\n");
        assertThat(elsewhere.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(9L);
            assertThat(p.field()).isEqualTo("develops");
            assertThat(p.message()).contains("named graph http://example.org/g", "source under https://w3id.org/cigraph/id/");
        });
    }

    /** The operating system's class misspelt, in each syntax: the problem names the file, record, field and (but in JSON-LD) line. */
    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void aBadRecordNamesItsFileLineAndField(ImportFormat format) {
        String text = fixture(format);
        long line = 1 + text.substring(0, text.indexOf("OperatingSystem")).chars().filter(c -> c == '\n').count();
        String name = "bad" + format.extension();
        Read read = read(name, text.replace("FMT", "x").replace("OperatingSystem", "OperatingSystm"));
        assertThat(read.problems()).as(format.label()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(name);
            assertThat(p.record()).isEqualTo("orbit-os-x");
            assertThat(p.field()).isEqualTo("rdf:type");
            assertThat(p.message()).contains("OperatingSystm", "not in the ontology");
            assertThat(p.line()).isEqualTo(format == ImportFormat.JSON_LD ? null : line);
        });
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void aSyntaxErrorNamesTheSyntaxAndWhereItCan(ImportFormat format) {
        String text = fixture(format);
        Read read = read("broken" + format.extension(), text.substring(0, text.length() / 2) + "\n<broken");
        assertThat(read.problems()).as(format.label()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("broken" + format.extension());
            assertThat(p.message()).contains(format.label() + " syntax error");
        });
    }

    @Test
    void jsonAndXmlNestedThousandsDeepAreAProblemWithALineNotAStackOverflow() {
        String json = "{\"@id\": \"https://w3id.org/cigraph/id/deep\",\n \"https://w3id.org/cigraph/ontology#x\": "
                + "[".repeat(5000) + "]".repeat(5000) + "}";
        String xml = "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "<!-- <a><b> -->\n" + "<rdf:Description>".repeat(5000) + "</rdf:Description>".repeat(5000) + "</rdf:RDF>";
        for (String[] file : new String[][] {{"deep.jsonld", json}, {"deep.rdf", xml}}) {
            Read read = read(file[0], file[1]);
            assertThat(read.problems()).as(file[0]).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(file[0].endsWith("rdf") ? 4L : 2L);
                assertThat(p.message()).contains("deeper than 64");
            });
        }
    }

    @Test
    void aFormatIsChosenByExtensionAndByMediaType() {
        assertThat(ImportFormat.ofFileName("a.TTL")).contains(ImportFormat.TURTLE);
        assertThat(ImportFormat.ofFileName("a.nq")).contains(ImportFormat.N_QUADS);
        assertThat(ImportFormat.ofFileName("a.json")).isEmpty();
        assertThat(ImportFormat.ofMediaType("application/ld+json")).contains(ImportFormat.JSON_LD);
        assertThat(ImportFormat.ofMediaType("application/json")).isEmpty();
        assertThat(ImportFormat.allExtensions()).containsExactly(".ttl", ".trig", ".nt", ".nq", ".jsonld", ".rdf");
    }
}
