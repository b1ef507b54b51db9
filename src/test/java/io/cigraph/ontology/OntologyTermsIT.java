package io.cigraph.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cigraph.IntegrationTest;
import io.cigraph.importing.ImportProblem;
import io.cigraph.importing.ImportRejectedException;
import io.cigraph.importing.ImportService;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The ontology's quantities, dates, versions, components and links, and a term of the example
 * extension, imported from one file and read back through SPARQL, Cypher, search and the API.
 */
class OntologyTermsIT extends IntegrationTest {

    @Autowired
    ImportService imports;

    @BeforeEach
    void importDeviceSpecs() throws IOException {
        try {
            imports.importTurtle("device-specs.ttl", Files.readAllBytes(Path.of("src/test/resources/ontology-terms/device-specs.ttl")), false);
        } catch (ImportRejectedException e) {
            throw new AssertionError("device-specs.ttl rejected: " + e.problems(), e);
        }
    }

    private List<String> sparqlColumn(String query, String column) {
        HttpResponse<String> r;
        try {
            r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sparql?query="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8))).header("Accept", "application/sparql-results+json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        List<String> values = new ArrayList<>();
        answer.get("results").get("bindings").forEach(b -> values.add(b.get(column).get("value").asString()));
        return values;
    }

    private List<String> cypherColumn(String query) {
        Response r = post("/api/cypher", "application/json",
                JSON.writeValueAsString(Map.of("query", query)).getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> values = new ArrayList<>();
        r.json().get("rows").forEach(row -> values.add(row.get(0).asString()));
        return values;
    }

    @Test
    void quantitiesAreNumbersInSparqlAndCypher() {
        assertThat(sparqlColumn("""
                SELECT ?d WHERE { ?d a kg:Device ; kg:ramGB ?ram FILTER(?ram >= 8) }
                """, "d")).containsExactly("https://w3id.org/cigraph/id/orbita-phone-12");
        assertThat(cypherColumn("MATCH (d:Device) WHERE d.ramGB >= 8 RETURN d.id ORDER BY d.id"))
                .containsExactly("orbita-phone-12");
        assertThat(cypherColumn("MATCH (d:Device) WHERE d.screenSizeInches > 6.5 AND d.batteryCapacityMAh >= 5000 RETURN d.id"))
                .containsExactly("orbita-phone-12");
        assertThat(cypherColumn("MATCH (c:Chipset) WHERE c.processNodeNm <= 5 RETURN c.id")).containsExactly("orbita-x1");
    }

    @Test
    void fullDatesCompareAsDatesAndAYearStaysAYear() {
        assertThat(sparqlColumn("""
                SELECT ?d WHERE { ?d a kg:Smartphone ; kg:releaseDate ?r FILTER(?r >= "2023-01-01"^^xsd:date) }
                """, "d")).containsExactly("https://w3id.org/cigraph/id/orbita-phone-12");
        assertThat(cypherColumn("MATCH (d:Product) WHERE d.releaseDate >= date('2023-01-01') RETURN d.id ORDER BY d.id"))
                .containsExactly("orbita-phone-12", "orbita-vision");
        assertThat(sparqlColumn("SELECT ?y WHERE { res:orbita-phone-6 kg:launchYear ?y FILTER(datatype(?y) = xsd:gYear) }", "y"))
                .containsExactly("2021");
    }

    @Test
    void versionsStandardsComponentsAndOwnershipAreRelationsWithProvenance() {
        assertThat(sparqlColumn("SELECT ?t WHERE { res:orbilink kg:hasVersion ?t }", "t"))
                .containsExactly("https://w3id.org/cigraph/id/orbilink-2");
        assertThat(sparqlColumn("""
                SELECT ?e WHERE { ?r rdf:reifies <<( res:orbilink-2 kg:versionOf res:orbilink )>> ; kg:evidence ?e }
                """, "e")).containsExactly("OrbiLink 2 is the second version of OrbiLink.");
        assertThat(cypherColumn("""
                MATCH (v:Technology)-[:VERSION_OF]->(t {id: 'orbilink'}), (v)-[:IMPLEMENTS_STANDARD]->(s:Standard)
                RETURN v.id + ' ' + s.id
                """)).containsExactly("orbilink-2 orbilink-core-2");
        assertThat(cypherColumn("MATCH (p {id: 'orbita-phone-12'})-[:USES_COMPONENT]->(c:Component) RETURN c.id"))
                .containsExactly("orbita-x1");
        assertThat(cypherColumn("""
                MATCH (s)-[:SUBSIDIARY_OF]->(o {id: 'orbita-devices'})<-[:BRAND_OF]-(b:Brand) RETURN s.id + ' ' + b.id
                """)).containsExactly("orbita-semiconductor nova");
    }

    @Test
    void linksToOtherKnowledgeBasesAreIrisInRdfAndTextInTheGraph() {
        assertThat(sparqlColumn("""
                SELECT ?w WHERE { res:orbita-phone-12 owl:sameAs ?w FILTER(isIRI(?w)) }
                """, "w")).containsExactly("http://www.wikidata.org/entity/Q999999912");
        assertThat(sparqlColumn("SELECT ?m WHERE { res:orbita-phone-12 skos:exactMatch ?m FILTER(isIRI(?m)) }", "m"))
                .containsExactly("https://example.org/kb/orbita-phone-12");
        assertThat(cypherColumn("MATCH (d {id: 'orbita-phone-12'}) RETURN d.sameAs"))
                .containsExactly("http://www.wikidata.org/entity/Q999999912");
        JsonNode entity = get("/api/entities/orbita-phone-12").json();
        assertThat(entity.get("properties").get("seeAlso").toString()).contains("https://example.org/orbita/phone-12");
        assertThat(entity.get("properties").get("modelNumber").toString()).contains("OR-12-EU", "OR-12-CN");
        assertThat(entity.get("aliases")).isEmpty();
        assertThat(sparqlColumn("SELECT ?l WHERE { res:orbita-spec-sheet kg:license ?l }", "l"))
                .containsExactly("https://creativecommons.org/licenses/by/4.0/");
    }

    @Test
    void anExtensionsClassPropertyAndRelationReachEveryStoreSearchAndTheOntologyEndpoint() {
        JsonNode ontology = get("/api/ontology").json();
        assertThat(ontology.get("classes").findValuesAsString("name")).contains("XRHeadset", "Chipset", "Standard");
        JsonNode headset = find(ontology.get("classes"), "XRHeadset");
        assertThat(headset.get("superclasses").toString()).contains("Wearable", "Device");
        JsonNode fov = find(ontology.get("datatypeProperties"), "fieldOfViewDegrees");
        assertThat(fov.get("unit").asString()).isEqualTo("°");
        assertThat(find(ontology.get("datatypeProperties"), "ramGB").get("unit").asString()).isEqualTo("GB");
        assertThat(find(ontology.get("relations"), "pairsWith").get("range").toString()).contains("Device");
        assertThat(find(ontology.get("linkProperties"), "sameAs").get("iri").asString())
                .isEqualTo("http://www.w3.org/2002/07/owl#sameAs");

        assertThat(cypherColumn("MATCH (h:XRHeadset:Wearable)-[:PAIRS_WITH]->(p) WHERE h.fieldOfViewDegrees > 100 RETURN p.id"))
                .containsExactly("orbita-phone-12");
        assertThat(sparqlColumn("SELECT ?h WHERE { ?h a kg:Wearable ; kg:fieldOfViewDegrees ?f FILTER(?f > 100) }", "h"))
                .containsExactly("https://w3id.org/cigraph/id/orbita-vision");
        assertThat(sparqlColumn("SELECT ?p WHERE { ?p kg:pairedWith res:orbita-vision }", "p"))
                .containsExactly("https://w3id.org/cigraph/id/orbita-phone-12");

        Response search = get("/api/search?q=orbita&type=XRHeadset");
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        assertThat(search.json().get("hits").findValuesAsString("id")).containsExactly("orbita-vision");
        JsonNode facets = get("/api/search?q=orbita").json().get("facets").get("type");
        assertThat(facets.get("XRHeadset").asInt()).isEqualTo(1);
        assertThat(facets.get("Component").asInt()).isEqualTo(1);
    }

    @Test
    void aQuantityWithItsUnitInTheTextOrALinkToOurOwnResourceIsRejectedWithItsLine() {
        String file = """
                @prefix kg:   <https://w3id.org/cigraph/ontology#> .
                @prefix res:  <https://w3id.org/cigraph/id/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
                res:orbita-phone-8 a kg:Smartphone ; rdfs:label "Orbita Phone 8" ;
                    kg:ramGB "8 GB" ;
                    skos:exactMatch res:orbita-phone-12 ;
                    kg:releaseDate "2022" .
                """;
        ImportRejectedException e = catchThrowableOfType(ImportRejectedException.class,
                () -> imports.importTurtle("bad-specs.ttl", file.getBytes(StandardCharsets.UTF_8), true));
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(ImportProblem::field).contains("ramGB", "exactMatch", "releaseDate");
        ImportProblem ram = e.problems().stream().filter(p -> "ramGB".equals(p.field())).findFirst().orElseThrow();
        assertThat(ram.line()).isEqualTo(6L);
        assertThat(ram.message()).contains("xsd:decimal values in GB", "write the number alone");
        assertThat(e.problems().stream().filter(p -> "exactMatch".equals(p.field())).findFirst().orElseThrow().message())
                .contains("use a relation");
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (name.equals(n.get("name").asString())) {
                return n;
            }
        }
        throw new AssertionError(name + " not in " + list);
    }
}
