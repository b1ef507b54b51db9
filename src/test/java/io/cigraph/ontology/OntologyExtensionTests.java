package io.cigraph.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OntologyExtensionTests {

    private static final String BASE = "https://w3id.org/cigraph/id/";
    private static final String VOCAB = "https://w3id.org/cigraph/ontology#";
    private static final String PREFIXES = """
            @prefix kg:   <https://w3id.org/cigraph/ontology#> .
            @prefix owl:  <http://www.w3.org/2002/07/owl#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
            """;

    @TempDir
    Path dir;

    private Ontology withExtension(String turtle) throws IOException {
        Path file = dir.resolve("mine.ttl");
        Files.writeString(file, PREFIXES + turtle);
        return Ontology.load(Path.of("ontology"), List.of(file), BASE, VOCAB);
    }

    private void rejected(String turtle, String... expected) {
        assertThatThrownBy(() -> withExtension(turtle))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.resolve("mine.ttl").toString())
                .hasMessageContainingAll(expected);
    }

    @Test
    void theBundledExampleAddsAClassAQuantityAndARelationWithProvenance() {
        Ontology o = Ontology.load(Path.of("ontology"), List.of(Path.of("ontology/examples/xr-headsets.ttl")), BASE, VOCAB);
        assertThat(o.findClass("XRHeadset").orElseThrow().superclasses())
                .containsExactly("Wearable", "Device", "Product", "Entity", "Resource");
        assertThat(o.findClass("Wearable").orElseThrow().subclasses()).contains("XRHeadset");
        OntologyProperty fov = o.findProperty("fieldOfViewDegrees").orElseThrow();
        assertThat(fov.objectProperty()).isFalse();
        assertThat(fov.unit()).isEqualTo("°");
        assertThat(fov.range()).containsExactly("xsd:decimal");
        OntologyProperty pairs = o.findProperty("pairsWith").orElseThrow();
        assertThat(pairs.relation()).isTrue();
        assertThat(pairs.relationshipType()).isEqualTo("PAIRS_WITH");
        assertThat(o.findProperty("pairedWith").orElseThrow().forward()).isFalse();
        assertThat(o.relationshipTypes()).contains("PAIRS_WITH");
        assertThat(o.findClass("Chipset").orElseThrow().label()).isEqualTo("Chipset (SoC)");
    }

    @Test
    void theEndsOfAnExtensionsRelationAreCheckedFromItsDomainAndRangeWithoutAShape() {
        Ontology o = Ontology.load(Path.of("ontology"), List.of(Path.of("ontology/examples/xr-headsets.ttl")), BASE, VOCAB);
        Graph data = GraphFactory.createGraphMem();
        o.graph().find().forEach(data::add);
        Node phone = NodeFactory.createURI(BASE + "phone");
        Node vendor = NodeFactory.createURI(BASE + "vendor");
        Node headset = NodeFactory.createURI(BASE + "headset");
        Node pairsWith = NodeFactory.createURI(VOCAB + "pairsWith");
        data.add(phone, RDF.type.asNode(), NodeFactory.createURI(VOCAB + "Smartphone"));
        data.add(vendor, RDF.type.asNode(), NodeFactory.createURI(VOCAB + "Vendor"));
        data.add(headset, RDF.type.asNode(), NodeFactory.createURI(VOCAB + "XRHeadset"));
        data.add(headset, pairsWith, phone);
        data.add(phone, pairsWith, headset);
        data.add(headset, pairsWith, vendor);
        List<ShapeViolation> found = o.validate(data).stream()
                .filter(v -> v.error() && v.message().contains("pairsWith")).toList();
        assertThat(found).extracting(ShapeViolation::focusNode, ShapeViolation::message).containsExactlyInAnyOrder(
                tuple(BASE + "phone", "The subject of kg:pairsWith must be of class XR headset (kg:XRHeadset), its rdfs:domain."),
                tuple(BASE + "headset", "What kg:pairsWith links to must be of class Device (kg:Device), its rdfs:range."));
    }

    @Test
    void aMissingExtensionFolderIsSkippedButAMissingFileStopsTheLoad() {
        assertThat(Ontology.load(Path.of("ontology"), List.of(dir.resolve("ext")), BASE, VOCAB).findClass("Device")).isPresent();
        assertThatThrownBy(() -> Ontology.load(Path.of("ontology"), List.of(dir.resolve("gone.ttl")), BASE, VOCAB))
                .hasMessageContaining("gone.ttl does not exist");
    }

    @Test
    void anExtensionThatDoesNotParseIsNamedWithItsLine() {
        rejected("kg:Robot a owl:Class ;\n rdfs:label \"Robot\"@en\n kg:oops .", "does not parse", "line: 7");
    }

    @Test
    void redefiningTheDomainOfACoreRelationIsRefused() {
        rejected("kg:runs rdfs:domain kg:Vendor .", "changes the core term kg:runs", "rdfs:domain kg:Vendor");
    }

    @Test
    void makingACoreClassASubclassOfItsOwnSubclassIsRefused() {
        rejected("kg:Device rdfs:subClassOf kg:Smartwatch .", "changes the core term kg:Device",
                "a subclass of its own subclass");
    }

    @Test
    void changingTheKindOfACoreTermIsRefused() {
        rejected("kg:ramGB a owl:ObjectProperty .", "changes the core term kg:ramGB", "owl:ObjectProperty");
    }

    @Test
    void aPropertyBothObjectAndDatatypeIsRefused() {
        rejected("kg:poweredBy a owl:ObjectProperty, owl:DatatypeProperty ; rdfs:label \"powered by\"@en .",
                "kg:poweredBy is declared both an object property", "and a datatype property");
    }

    @Test
    void anUnknownSuperclassDomainOrRangeIsRefused() {
        rejected("""
                kg:Robot a owl:Class ; rdfs:subClassOf kg:Machine .
                kg:drives a owl:ObjectProperty ; rdfs:domain kg:Robot ; rdfs:range kg:Vehicle .
                kg:payloadKg a owl:DatatypeProperty ; rdfs:range kg:Robot .
                """,
                "kg:Robot has the unknown superclass kg:Machine",
                "kg:drives has the unknown range kg:Vehicle",
                "the datatype property kg:payloadKg has the range kg:Robot, which is not a datatype");
    }

    @Test
    void aCycleAmongNewClassesIsRefused() {
        rejected("""
                kg:Robot a owl:Class ; rdfs:subClassOf kg:Android .
                kg:Android a owl:Class ; rdfs:subClassOf kg:Robot .
                """, "kg:Robot is its own superclass");
    }

    @Test
    void aPropertyNamedLikeANodeKeyIsRefused() {
        rejected("kg:batch a owl:DatatypeProperty ; rdfs:range xsd:string .", "the property name batch is reserved");
        rejected("kg:ImportBatch a owl:Class ; rdfs:subClassOf kg:Entity .", "the class name ImportBatch is the property graph's label");
    }

    @Test
    void termsOutsideTheVocabularyAreRefusedButLabelsOnCoreTermsAreTaken() throws IOException {
        rejected("<https://example.org/Robot> a owl:Class .", "https://example.org/Robot is outside the vocabulary");
        Ontology o = withExtension("kg:Smartphone rdfs:label \"智能手机\"@zh ; rdfs:comment \"A phone.\"@en .");
        assertThat(o.findClass("Smartphone").orElseThrow().label()).isEqualTo("Smartphone");
    }

    @Test
    void coreQuantitiesDeclareTheirUnitAndLinksKeepTheirStandardIri() {
        Ontology o = OntologyTests.ONTOLOGY;
        assertThat(o.findProperty("ramGB").orElseThrow().unit()).isEqualTo("GB");
        assertThat(o.findProperty("batteryCapacityMAh").orElseThrow().unit()).isEqualTo("mAh");
        assertThat(o.findProperty("releaseDate").orElseThrow().unit()).isNull();
        OntologyProperty sameAs = o.findProperty("sameAs").orElseThrow();
        assertThat(sameAs.link()).isTrue();
        assertThat(sameAs.objectProperty()).isFalse();
        assertThat(sameAs.iri()).isEqualTo("http://www.w3.org/2002/07/owl#sameAs");
        assertThat(o.termOf("http://www.w3.org/2004/02/skos/core#exactMatch")).isEqualTo("exactMatch");
        assertThat(o.termIri("seeAlso")).isEqualTo("http://www.w3.org/2000/01/rdf-schema#seeAlso");
        assertThat(o.findProperty("usesComponent").orElseThrow().range()).containsExactly("Component");
        assertThat(o.findProperty("versionOf").orElseThrow().inverse()).isEqualTo("hasVersion");
    }

    @Test
    void aQuantityTakesNumbersOnlyAndSaysWhichUnit() {
        Ontology o = OntologyTests.ONTOLOGY;
        OntologyProperty ram = o.findProperty("ramGB").orElseThrow();
        assertThat(o.literalProblem(ram, NodeFactory.createLiteralDT("8", XSDDatatype.XSDinteger))).isNull();
        assertThat(o.literalProblem(ram, NodeFactory.createLiteralDT("7.5", XSDDatatype.XSDdecimal))).isNull();
        assertThat(o.literalProblem(ram, NodeFactory.createLiteralString("8 GB")))
                .contains("'ramGB' takes xsd:decimal values in GB", "\"8 GB\"", "write the number alone");
        OntologyProperty released = o.findProperty("releaseDate").orElseThrow();
        assertThat(o.literalProblem(released, NodeFactory.createLiteralDT("2023-09-25", XSDDatatype.XSDdate))).isNull();
        assertThat(o.literalProblem(released, NodeFactory.createLiteralDT("2023", XSDDatatype.XSDgYear)))
                .contains("'releaseDate' takes xsd:date values");
        // Typed by a shape already: the shape reports it, once.
        assertThat(o.literalProblem(o.findProperty("launchYear").orElseThrow(), NodeFactory.createLiteralString("2023"))).isNull();
    }
}
