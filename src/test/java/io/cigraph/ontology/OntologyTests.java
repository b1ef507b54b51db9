package io.cigraph.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;

class OntologyTests {

    static final Ontology ONTOLOGY = Ontology.load(Path.of("ontology"), "https://w3id.org/cigraph/id/",
            "https://w3id.org/cigraph/ontology#");

    @Test
    void aSmartwatchIsAWearableDeviceProductEntity() {
        assertThat(ONTOLOGY.findClass("Smartwatch").orElseThrow().superclasses())
                .containsExactly("Wearable", "Device", "Product", "Entity", "Resource");
        assertThat(ONTOLOGY.withSuperclasses(java.util.List.of("TWSEarbuds")))
                .containsExactly("TWSEarbuds", "Hearable", "Device", "Product", "Entity", "Resource");
        assertThat(ONTOLOGY.isA("CommercialSmartScreen", "Device")).isTrue();
        assertThat(ONTOLOGY.isA("Vendor", "Device")).isFalse();
    }

    @Test
    void everyClassHasAShape() {
        Node targetClass = NodeFactory.createURI("http://www.w3.org/ns/shacl#targetClass");
        Set<String> shaped = ONTOLOGY.graph().find(Node.ANY, targetClass, Node.ANY).toList().stream()
                .map(t -> ONTOLOGY.termOf(t.getObject().getURI())).collect(Collectors.toSet());
        assertThat(ONTOLOGY.classes()).extracting(OntologyClass::name)
                .allSatisfy(name -> assertThat(shaped).as("shape for %s", name).contains(name));
    }

    @Test
    void everyRelationHasItsEndsCheckedByAShape() {
        Node targetSubjectsOf = NodeFactory.createURI("http://www.w3.org/ns/shacl#targetSubjectsOf");
        Set<String> checked = ONTOLOGY.graph().find(Node.ANY, targetSubjectsOf, Node.ANY).toList().stream()
                .map(t -> ONTOLOGY.termOf(t.getObject().getURI())).collect(Collectors.toSet());
        ONTOLOGY.properties().stream().filter(p -> p.relation() && p.forward())
                .forEach(p -> assertThat(checked).as("shape for the ends of %s", p.name()).contains(p.name()));
    }

    @Test
    void relationsHaveInversesAndUpperSnakeRelationshipTypes() {
        OntologyProperty partOfSeries = ONTOLOGY.findProperty("partOfSeries").orElseThrow();
        assertThat(partOfSeries.relationshipType()).isEqualTo("PART_OF_SERIES");
        assertThat(partOfSeries.inverse()).isEqualTo("seriesIncludes");
        assertThat(partOfSeries.forward()).isTrue();
        assertThat(partOfSeries.relation()).isTrue();
        OntologyProperty seriesIncludes = ONTOLOGY.findProperty("seriesIncludes").orElseThrow();
        assertThat(seriesIncludes.forward()).isFalse();
        assertThat(seriesIncludes.inverse()).isEqualTo("partOfSeries");
        OntologyProperty competesWith = ONTOLOGY.findProperty("competesWith").orElseThrow();
        assertThat(competesWith.symmetric()).isTrue();
        assertThat(competesWith.forward()).isTrue();
        assertThat(ONTOLOGY.findProperty("hasCapability").orElseThrow().superProperties()).containsExactly("supports", "relatedTo");
        assertThat(ONTOLOGY.findProperty("observationOf").orElseThrow().relation()).isFalse();
        assertThat(ONTOLOGY.findByRelationshipType("DEVELOPS")).map(OntologyProperty::name).contains("develops");
        assertThat(ONTOLOGY.relationshipTypes()).doesNotContain("DEVELOPED_BY");
    }

    @Test
    void idsAreTheIriAfterTheBase() {
        assertThat(ONTOLOGY.idOf("https://w3id.org/cigraph/id/harmonyos-4")).isEqualTo("harmonyos-4");
        assertThat(ONTOLOGY.idOf("https://example.org/harmonyos-4")).isNull();
        assertThat(ONTOLOGY.idOf("https://w3id.org/cigraph/id/")).isNull();
        assertThat(ONTOLOGY.iriOf("nearlink")).isEqualTo("https://w3id.org/cigraph/id/nearlink");
    }
}
