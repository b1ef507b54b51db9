package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cigraph.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every export read by the Python tools researchers use: rdflib for the RDF 1.1 profiles, networkx
 * for GraphML, the csv module for the CSV files. It runs where a {@code python3} with rdflib and
 * networkx exists (Debian: {@code python3-rdflib python3-networkx}) and is skipped elsewhere. What
 * Python counts is checked against Jena's reading of the same export and against the graph.
 */
class PythonReadersIT extends IntegrationTest {

    private static final Node REIFIES = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies");

    /** The first python3 that imports rdflib and networkx, or null. */
    private static String python() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import rdflib, networkx").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (Exception e) {
                // not installed there: try the next one
            }
        }
        return null;
    }

    private static DatasetGraph parse(String body, Lang lang) {
        DatasetGraph dsg = DatasetGraphFactory.createGeneral();
        RDFParser.fromString(body, lang).parse(dsg);
        return dsg;
    }

    @Test
    void rdflibNetworkxAndPythonsCsvReadEveryExport() throws Exception {
        String python = python();
        assumeTrue(python != null, "No python3 with rdflib and networkx here (apt-get install python3-rdflib python3-networkx)");
        Process p = new ProcessBuilder(python, Path.of("src/test/resources/export/read_exports.py").toString(),
                "http://localhost:" + port).start();
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                return new byte[0];
            }
        });
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(new String(stderr.get(), StandardCharsets.UTF_8)).isZero();
        System.out.println("Python readers found: " + stdout);
        JsonNode found = JSON.readTree(stdout);

        long reifiers = parse(get("/api/export?format=turtle").body(), Lang.TURTLE).stream(Node.ANY, Node.ANY, REIFIES, Node.ANY).count();
        assertThat(reifiers).isPositive();
        for (var rdf : Map.of("turtle", Lang.TURTLE, "ntriples", Lang.NTRIPLES, "trig", Lang.TRIG, "nquads", Lang.NQUADS,
                "jsonld", Lang.JSONLD).entrySet()) {
            for (String profile : rdf.getValue() == Lang.TURTLE || rdf.getValue() == Lang.NTRIPLES
                    ? List.of("rdf11") : List.of("rdf11", "rdf11-graphs")) {
                String key = rdf.getKey() + "/" + profile;
                DatasetGraph jena = parse(get("/api/export?format=" + rdf.getKey() + "&profile=" + profile).body(), rdf.getValue());
                assertThat(found.get(key).get("quads").asLong()).as(key).isEqualTo(jena.stream().count());
                assertThat(found.get(key).get("statements").asLong()).as(key).isEqualTo(reifiers);
            }
        }
        assertThat(found.get("trig/rdf11-graphs").get("graphs").asInt()).isGreaterThan(2);

        long resources = count("MATCH (n:Resource) RETURN count(n)", Map.of());
        long relations = count("MATCH (:Resource)-[r]->(:Resource) RETURN count(r)", Map.of());
        JsonNode graphml = found.get("graphml");
        assertThat(graphml.get("nodes").asLong()).isEqualTo(resources);
        assertThat(graphml.get("edges").asLong()).isEqualTo(relations);
        assertThat(graphml.get("confidenceTypes").toString()).isEqualTo("[\"float\"]");
        assertThat(graphml.get("huaweiLabel").asString()).isEqualTo("Huawei");
        assertThat(graphml.get("huaweiAliasesZh").asString()).isEqualTo("华为|华为技术有限公司");

        JsonNode csv = found.get("csv");
        assertThat(csv.get("nodes").asLong()).isEqualTo(resources);
        assertThat(csv.get("relations").asLong()).isEqualTo(relations);
        assertThat(csv.get("zip").get("nodes.csv").asLong()).isEqualTo(resources);
        assertThat(csv.get("zip").get("relations.csv").asLong()).isEqualTo(relations);
        assertThat(csv.get("huaweiAliasesZh").asString()).isEqualTo("华为|华为技术有限公司");
        assertThat(csv.get("relationColumns").toString())
                .isEqualTo("[\"subject\",\"predicate\",\"object\",\"source\",\"evidence\",\"confidence\",\"validFrom\",\"validTo\"]");
    }
}
