package io.cigraph.rdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.model.Alias;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Provenance;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;

class RecordQuadsTests {

    private static final Ontology ONTOLOGY = Ontology.load(Path.of("ontology"), "https://w3id.org/cigraph/id/",
            "https://w3id.org/cigraph/ontology#");
    private final RecordQuads quads = new RecordQuads(ONTOLOGY);

    private Node res(String id) {
        return quads.resource(id);
    }

    private Node kg(String term) {
        return quads.term(term);
    }

    private ImportBatch batch() {
        ResourceRecord watch = new ResourceRecord("w", ONTOLOGY.iriOf("w"), List.of("Smartwatch"), "W",
                List.of(new Alias("手表", "zh")), "A watch", Map.of("launchYear", "2023", "characteristic", List.of("light", "fast")), 1);
        ResourceRecord os = new ResourceRecord("os", ONTOLOGY.iriOf("os"), List.of("OperatingSystem"), "OS", List.of(), null, Map.of(), 2);
        ResourceRecord cap = new ResourceRecord("cap", ONTOLOGY.iriOf("cap"), List.of("SoftwareCapability"), "Cap", List.of(), null, Map.of(), 3);
        Provenance prov = new Provenance("doc", "OS has Cap", 0.9, LocalDate.parse("2024-01-01"), null);
        return new ImportBatch("b", "f.ttl", "abc", List.of(watch, os, cap), List.of(
                new RelationRecord("w", "runs", "os", prov, 4), new RelationRecord("os", "hasCapability", "cap", prov, 5)));
    }

    @Test
    void superPropertiesAndInversesAreImplied() {
        List<Triple> implied = quads.implied("hasCapability", res("os"), res("cap"),
                Triple.create(res("os"), kg("hasCapability"), res("cap")));
        assertThat(implied).contains(Triple.create(res("os"), kg("supports"), res("cap")),
                Triple.create(res("os"), kg("relatedTo"), res("cap")),
                Triple.create(res("cap"), kg("capabilityOf"), res("os")),
                Triple.create(res("cap"), kg("supportedBy"), res("os")))
                .doesNotContain(Triple.create(res("os"), kg("hasCapability"), res("cap")));
        assertThat(quads.implied("partnersWith", res("a"), res("b"), Triple.create(res("a"), kg("partnersWith"), res("b"))))
                .contains(Triple.create(res("b"), kg("partnersWith"), res("a")));
    }

    @Test
    void statedFactsGoToTheDataGraphAndTheirConsequencesToTheInferredGraph() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        quads.write(dsg, batch(), true);
        Node type = RDF.type.asNode();
        assertThat(dsg.contains(RdfGraphs.DATA, res("w"), type, kg("Smartwatch"))).isTrue();
        assertThat(dsg.contains(RdfGraphs.DATA, res("w"), type, kg("Device"))).isFalse();
        assertThat(dsg.contains(RdfGraphs.INFERRED, res("w"), type, kg("Device"))).isTrue();
        assertThat(dsg.contains(RdfGraphs.INFERRED, res("os"), kg("runsOn"), res("w"))).isTrue();
        assertThat(dsg.contains(RdfGraphs.DATA, res("os"), kg("runsOn"), res("w"))).isFalse();
        assertThat(dsg.contains(RdfGraphs.INFERRED, res("os"), kg("supports"), res("cap"))).isTrue();
        assertThat(dsg.contains(RdfGraphs.DATA, res("w"), kg("launchYear"), NodeFactory.createLiteralDT("2023",
                org.apache.jena.datatypes.xsd.XSDDatatype.XSDgYear))).isTrue();
        assertThat(dsg.stream(RdfGraphs.DATA, res("w"), kg("characteristic"), Node.ANY)).hasSize(2);
        Node quoted = NodeFactory.createTripleTerm(Triple.create(res("w"), kg("runs"), res("os")));
        Node reifier = dsg.stream(RdfGraphs.DATA, Node.ANY, RdfGraphs.REIFIES, quoted).findFirst().orElseThrow().getSubject();
        assertThat(reifier.isBlank()).isTrue();
        assertThat(dsg.contains(RdfGraphs.DATA, reifier, kg("source"), res("doc"))).isTrue();
        assertThat(dsg.contains(RdfGraphs.DATA, reifier, kg("confidence"), NodeFactory.createLiteralDT("0.9",
                org.apache.jena.datatypes.xsd.XSDDatatype.XSDdecimal))).isTrue();
    }

    @Test
    void writingTheSameBatchAgainReplacesRatherThanAdds() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        quads.write(dsg, batch(), true);
        long once = dsg.stream().count();
        quads.write(dsg, batch(), true);
        assertThat(dsg.stream().count()).isEqualTo(once);
    }
}
