package io.cigraph.rdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.rdfconnection.RDFConnectionRemote;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** SPARQL and Cypher, each through its own endpoint, see the same graph. */
class ConsistencyIT extends IntegrationTest {

    @Autowired
    Ontology ontology;

    private RDFConnection sparql() {
        return RDFConnectionRemote.service("http://localhost:" + port + "/sparql").parseCheckSPARQL(false).build();
    }

    private JsonNode cypher(String query) {
        Response r = post("/api/cypher", "application/json",
                JSON.writeValueAsString(Map.of("query", query)).getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Instances per class (superclasses implied), as SPARQL sees them in the union default graph. */
    private Map<String, Long> classCountsBySparql() {
        Map<String, Long> counts = new TreeMap<>();
        try (RDFConnection conn = sparql()) {
            conn.querySelect("""
                    SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . FILTER(STRSTARTS(STR(?s), STR(res:))) }
                    GROUP BY ?c""", s -> {
                String term = ontology.termOf(s.getResource("c").getURI());
                if (term != null) {
                    counts.put(term, s.getLiteral("n").getLong());
                }
            });
        }
        return counts;
    }

    private Map<String, Long> classCountsByCypher() {
        return countsByCypher("MATCH (n:Resource) UNWIND labels(n) AS label RETURN label, count(*) AS n");
    }

    /** A two-column Cypher answer (name, count) as a sorted map. */
    private Map<String, Long> countsByCypher(String query) {
        Map<String, Long> counts = new TreeMap<>();
        cypher(query).get("rows").forEach(row -> counts.put(row.get(0).asString(), row.get(1).asLong()));
        return counts;
    }

    /** Stated relations per type: SPARQL over the data graph, mapped to relationship types. */
    private Map<String, Long> relationCountsBySparql() {
        Map<String, Long> counts = new TreeMap<>();
        try (RDFConnection conn = sparql()) {
            conn.querySelect("""
                    SELECT ?p (COUNT(*) AS ?n) WHERE {
                      GRAPH <https://w3id.org/cigraph/graph/data> { ?s ?p ?o }
                      FILTER(STRSTARTS(STR(?s), STR(res:)) && isIRI(?o) && STRSTARTS(STR(?o), STR(res:)))
                    } GROUP BY ?p""", s -> counts.put(ontology.findProperty(ontology.termOf(s.getResource("p").getURI()))
                    .map(OntologyProperty::relationshipType).orElseThrow(), s.getLiteral("n").getLong()));
        }
        return counts;
    }

    private Map<String, Long> relationCountsByCypher() {
        return countsByCypher("MATCH (:Resource)-[r]->(:Resource) RETURN type(r) AS type, count(*) AS n");
    }

    @Test
    void sparqlAndCypherCountTheSameInstancesPerClassAndRelationsPerType() {
        Map<String, Long> byCypher = classCountsByCypher();
        assertThat(byCypher).containsKeys("Device", "Smartwatch", "Vendor", "Resource");
        assertThat(classCountsBySparql()).isEqualTo(byCypher);
        Map<String, Long> relations = relationCountsByCypher();
        assertThat(relations).containsKeys("DEVELOPS", "HAS_CAPABILITY", "OBSERVATION_OF");
        assertThat(relationCountsBySparql()).isEqualTo(relations);
    }

    @Test
    void bothSeeANewlyImportedFileOnceTheImportReturns() throws IOException {
        byte[] file = Files.readAllBytes(Path.of("src/test/resources/rdf/consistency-addition.ttl"));
        Response imported = post("/api/imports?name=consistency-addition.ttl&force=true", "text/turtle", file, API_KEY);
        assertThat(imported.status()).as(imported.body()).isIn(200, 201);

        JsonNode rows = cypher("""
                MATCH (v:Vendor {id: 'omega-audio'})-[r:DEVELOPS]->(d:Device:Hearable {id: 'omega-buds'})
                RETURN r.source, r.confidence""").get("rows");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(0).asString()).isEqualTo("consistency-report");
        try (RDFConnection conn = sparql()) {
            assertThat(conn.queryAsk("""
                    ASK { res:omega-buds a kg:Device ; kg:developedBy res:omega-audio .
                          ?r rdf:reifies <<( res:omega-audio kg:develops res:omega-buds )>> ;
                             kg:source res:consistency-report ; kg:confidence 0.9 ; kg:validFrom "2025-01-01"^^xsd:date }""")).isTrue();
            assertThat(conn.queryAsk("ASK { res:nearlink kg:supportedBy res:omega-buds }")).isTrue();
        }
        assertThat(classCountsBySparql()).isEqualTo(classCountsByCypher());
        assertThat(relationCountsBySparql()).isEqualTo(relationCountsByCypher());
    }
}
