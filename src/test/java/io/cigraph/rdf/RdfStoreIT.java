package io.cigraph.rdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import io.cigraph.graph.GraphStore;
import io.cigraph.importing.ImportService;
import io.cigraph.model.StoreContent;
import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.jena.graph.Node;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

class RdfStoreIT extends IntegrationTest {

    @Autowired
    RdfStore store;

    @Autowired
    GraphStore graph;

    @Autowired
    ImportService imports;

    @Autowired
    Ontology ontology;

    @Test
    void holdsTheGraphsBatches() {
        assertThat(store.batches()).isEqualTo(graph.batches()).isNotEmpty();
    }

    @Test
    void countsWhatAQueryOverTheDecodedQuadsCountsAndWhatTheGraphHolds() {
        // Counted the slow way, in SPARQL over decoded quads: named subjects, and the triples of
        // forward object properties from an IRI (a reifier's source has a blank subject, no name).
        String properties = ontology.properties().stream().filter(p -> p.objectProperty() && p.forward())
                .map(p -> "<" + ontology.termIri(p.name()) + ">").collect(Collectors.joining(", "));
        long resources = count("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH <%s> { ?s <%s> ?l } }"
                .formatted(RdfGraphs.DATA.getURI(), RDFS.label.getURI()));
        long relations = count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o FILTER (?p IN (%s) && isIRI(?s)) } }"
                .formatted(RdfGraphs.DATA.getURI(), properties));
        assertThat(resources).isPositive();
        assertThat(relations).isPositive();
        StoreContent content = store.content();
        assertThat(List.of(content.resources(), content.relations())).isEqualTo(List.of(resources, relations));
        StoreContent truth = graph.content();
        assertThat(List.of(truth.resources(), truth.relations())).isEqualTo(List.of(resources, relations));
    }

    private long count(String select) {
        return Txn.calculateRead(store.dataset(), () -> {
            try (QueryExecution q = QueryExecution.dataset(DatasetFactory.wrap(store.dataset())).query(select).build()) {
                return q.execSelect().next().getLiteral("n").getLong();
            }
        });
    }

    @Test
    void importingTheSameFileAgainLeavesTheSameDataset() throws IOException {
        byte[] seed = Files.readAllBytes(Path.of("import/huawei-ecosystem.ttl"));
        List<String> data = DatasetContent.of(store.dataset(), RdfGraphs.DATA);
        List<String> inferred = DatasetContent.of(store.dataset(), RdfGraphs.INFERRED);
        imports.importTurtle("huawei-ecosystem.ttl", seed, true);
        assertThat(DatasetContent.of(store.dataset(), RdfGraphs.DATA)).isEqualTo(data);
        assertThat(DatasetContent.of(store.dataset(), RdfGraphs.INFERRED)).isEqualTo(inferred);
    }

    @Test
    void anEmptyStoreIsSeenAsMissingEveryBatchAndIsRebuiltFromTheGraphToTheSameContent() throws IOException {
        Path dir = Files.createTempDirectory("cigraph-tdb2-rebuild");
        RdfStore fresh = new RdfStore(RdfProperties.make(dir), ontology);
        try {
            assertThat(fresh.batches()).isEmpty();
            fresh.rebuild(graph);
            assertThat(fresh.batches()).isEqualTo(graph.batches());
            for (Node g : List.of(RdfGraphs.DATA, RdfGraphs.INFERRED, RdfGraphs.ONTOLOGY)) {
                assertThat(DatasetContent.of(fresh.dataset(), g)).as(g.getURI()).isEqualTo(DatasetContent.of(store.dataset(), g));
            }
        } finally {
            fresh.destroy();
            FileSystemUtils.deleteRecursively(dir);
        }
    }
}
