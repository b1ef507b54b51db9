package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ExportIT extends IntegrationTest {

    private static final String RES = "https://w3id.org/cigraph/id/";
    private static final String KG = "https://w3id.org/cigraph/ontology#";
    private static final Node REIFIES = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies");

    private static Lang lang(String format) {
        return switch (format) {
            case "turtle" -> Lang.TURTLE;
            case "trig" -> Lang.TRIG;
            case "jsonld" -> Lang.JSONLD;
            case "nquads" -> Lang.NQUADS;
            default -> Lang.NTRIPLES;
        };
    }

    private static DatasetGraph parse(String body, Lang lang) {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        RDFParser.fromString(body, lang).parse(dsg);
        return dsg;
    }

    /**
     * Whether a reifier of {@code s p o} with this source is in the export: as an RDF 1.2 triple
     * term, or (JSON-LD, which has no triple terms) with rdf:subject, rdf:predicate and rdf:object.
     */
    private static boolean hasProvenance(DatasetGraph dsg, String s, String p, String o, String source) {
        Node subject = NodeFactory.createURI(RES + s);
        Node predicate = NodeFactory.createURI(KG + p);
        Node object = NodeFactory.createURI(RES + o);
        Node quoted = NodeFactory.createTripleTerm(Triple.create(subject, predicate, object));
        Node sourceProperty = NodeFactory.createURI(KG + "source");
        Node sourceNode = NodeFactory.createURI(RES + source);
        boolean asTripleTerm = dsg.stream(Node.ANY, Node.ANY, REIFIES, quoted)
                .anyMatch(q -> dsg.contains(q.getGraph(), q.getSubject(), sourceProperty, sourceNode));
        boolean asStatement = dsg.stream(Node.ANY, Node.ANY, RDF.subject.asNode(), subject)
                .anyMatch(q -> dsg.contains(q.getGraph(), q.getSubject(), RDF.predicate.asNode(), predicate)
                        && dsg.contains(q.getGraph(), q.getSubject(), RDF.object.asNode(), object)
                        && dsg.contains(q.getGraph(), q.getSubject(), sourceProperty, sourceNode));
        return asTripleTerm || asStatement;
    }

    @ParameterizedTest
    @CsvSource({"turtle,text/turtle,TURTLE", "trig,application/trig,TRIG", "jsonld,application/ld+json,JSONLD",
            "ntriples,application/n-triples,NTRIPLES", "nquads,application/n-quads,NQUADS"})
    void theWholeGraphExportsAsRdfWithItsProvenance(String format, String mediaType, String lang) {
        Response r = get("/api/export?format=" + format);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith(mediaType);
        DatasetGraph dsg = parse(r.body(), lang(format));
        assertThat(hasProvenance(dsg, "huawei", "develops", "nearlink",
                "huawei-has-established-differentiation-barriers-within-its-ecosystem")).isTrue();
        assertThat(dsg.stream(Node.ANY, NodeFactory.createURI(RES + "huawei-watch-gt-4"), Node.ANY, Node.ANY)).isNotEmpty();
    }

    @Test
    void trigKeepsStatedAndInferredFactsInTheirOwnGraphs() {
        DatasetGraph dsg = parse(get("/api/export?format=trig").body(), Lang.TRIG);
        assertThat(dsg.contains(NodeFactory.createURI("https://w3id.org/cigraph/graph/inferred"),
                NodeFactory.createURI(RES + "nearlink"), NodeFactory.createURI(KG + "developedBy"), NodeFactory.createURI(RES + "huawei")))
                .isTrue();
        assertThat(dsg.contains(NodeFactory.createURI("https://w3id.org/cigraph/graph/data"),
                NodeFactory.createURI(RES + "nearlink"), NodeFactory.createURI(KG + "developedBy"), Node.ANY)).isFalse();
    }

    @Test
    void aNeighbourhoodExportsOnlyWhatLiesWithinItsDepth() {
        DatasetGraph dsg = parse(get("/api/export?format=turtle&root=huawei-watch-gt-4&depth=1").body(), Lang.TURTLE);
        assertThat(dsg.getDefaultGraph().contains(NodeFactory.createURI(RES + "huawei-watch-gt-4"),
                NodeFactory.createURI(KG + "runs"), NodeFactory.createURI(RES + "harmonyos-4"))).isTrue();
        assertThat(hasProvenance(dsg, "huawei", "develops", "huawei-watch-gt-4",
                "huaweis-harmonyos-4-a-unifying-triumph-with-100-million-devices-worldwide")).isTrue();
        assertThat(dsg.stream(Node.ANY, NodeFactory.createURI(RES + "huawei-qingyun-printers"), Node.ANY, Node.ANY)).isEmpty();
        assertThat(hasProvenance(dsg, "huawei", "develops", "nearlink",
                "huawei-has-established-differentiation-barriers-within-its-ecosystem")).isFalse();
    }

    /**
     * A neighbourhood's export is read from its resources, not by filtering the whole graph; it
     * must hold exactly what the whole export holds among them: their statements with literals or
     * classes, the relations between two of them, and those relations' reifiers with provenance.
     */
    @ParameterizedTest
    @CsvSource({"huawei,1", "huawei-watch-gt-4,2", "nearlink,0", "harmonyos,3"})
    void aNeighbourhoodHoldsWhatTheWholeExportHoldsAmongItsResources(String root, int depth) {
        List<String> ids = driver.session().executeRead(tx -> tx.run(
                "MATCH (:Resource {id: $root})-[*0.." + depth + "]-(m:Resource) RETURN DISTINCT m.id AS id", Map.of("root", root))
                .list(r -> r.get("id").asString()));
        org.apache.jena.graph.Graph whole = parse(get("/api/export?format=turtle").body(), Lang.TURTLE).getDefaultGraph();
        java.util.function.Predicate<Node> in = n -> n.isURI() && n.getURI().startsWith(RES) && ids.contains(n.getURI().substring(RES.length()));
        org.apache.jena.graph.Graph expected = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        whole.find().forEachRemaining(t -> {
            boolean kept = t.getSubject().isBlank()
                    ? whole.find(t.getSubject(), NodeFactory.createURI(RDF.getURI() + "reifies"), Node.ANY).toList().stream().anyMatch(r -> r.getObject().isTripleTerm()
                            && in.test(r.getObject().getTriple().getSubject()) && in.test(r.getObject().getTriple().getObject()))
                    : in.test(t.getSubject()) && (in.test(t.getObject()) || !(t.getObject().isURI() && t.getObject().getURI().startsWith(RES)));
            if (kept) {
                expected.add(t);
            }
        });
        org.apache.jena.graph.Graph neighbourhood = parse(get("/api/export?format=turtle&root=" + root + "&depth=" + depth).body(),
                Lang.TURTLE).getDefaultGraph();
        assertThat(expected.size()).isPositive();
        assertThat(neighbourhood.size()).isEqualTo(expected.size());
        assertThat(neighbourhood.isIsomorphicWith(expected)).isTrue();
    }

    @Test
    void graphmlHasEveryNodeAndEdgesWithTheirProvenance() throws Exception {
        Response r = get("/api/export?format=graphml");
        assertThat(r.status()).isEqualTo(200);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        NodeList nodes = doc.getElementsByTagName("node");
        long resources = count("MATCH (n:Resource) RETURN count(n)", Map.of());
        assertThat((long) nodes.getLength()).isEqualTo(resources);
        NodeList edges = doc.getElementsByTagName("edge");
        assertThat((long) edges.getLength()).isEqualTo(count("MATCH (:Resource)-[r]->(:Resource) RETURN count(r)", Map.of()));
        boolean found = false;
        for (int i = 0; i < edges.getLength(); i++) {
            Element e = (Element) edges.item(i);
            if (e.getAttribute("source").equals("huawei") && e.getAttribute("target").equals("nearlink")) {
                found = data(e, "edge.evidence").contains("NearLink") && data(e, "edge.confidence").equals("0.9")
                        && data(e, "edge.source").equals("huawei-has-established-differentiation-barriers-within-its-ecosystem");
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void graphmlDeclaresATypedKeyPerPropertyAndNoNameGraphToolsReserve() throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(get("/api/export?format=graphml").body().getBytes(StandardCharsets.UTF_8)));
        Map<String, String> types = new java.util.TreeMap<>();
        NodeList keys = doc.getElementsByTagName("key");
        for (int i = 0; i < keys.getLength(); i++) {
            Element k = (Element) keys.item(i);
            types.put(k.getAttribute("for") + ":" + k.getAttribute("attr.name"), k.getAttribute("attr.type"));
        }
        assertThat(types).containsEntry("node:kg_label", "string").containsEntry("node:types", "string")
                .containsEntry("node:aliases@zh", "string").containsEntry("node:description", "string")
                .containsEntry("edge:confidence", "double").containsEntry("edge:kg_source", "string")
                .doesNotContainKeys("node:id", "node:label", "node:properties", "edge:id", "edge:label", "edge:source", "edge:type");
        assertThat(types.keySet()).allSatisfy(k -> assertThat(k).doesNotContain("batch"));
        Element huawei = null;
        NodeList nodes = doc.getElementsByTagName("node");
        for (int i = 0; i < nodes.getLength(); i++) {
            if (((Element) nodes.item(i)).getAttribute("id").equals("huawei")) {
                huawei = (Element) nodes.item(i);
            }
        }
        assertThat(huawei).isNotNull();
        assertThat(data(huawei, "node.label")).isEqualTo("Huawei");
        assertThat(data(huawei, "node.aliases@zh")).isEqualTo("华为|华为技术有限公司");
    }

    /** The text of an element's {@code <data>} with the given key, or the empty string. */
    private static String data(Element e, String key) {
        NodeList data = e.getElementsByTagName("data");
        for (int i = 0; i < data.getLength(); i++) {
            if (((Element) data.item(i)).getAttribute("key").equals(key)) {
                return data.item(i).getTextContent();
            }
        }
        return "";
    }

    private static List<CSVRecord> csv(String body) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(body)).getRecords();
    }

    @Test
    void csvNodesHaveDescriptionAliasesPerLanguageAndAColumnPerProperty() throws Exception {
        Response r = get("/api/export?format=csv-nodes&root=huawei&depth=1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.body().lines().findFirst().orElseThrow()).startsWith("id,label,types,description,aliases@");
        assertThat(csv(r.body())).anySatisfy(row -> {
            assertThat(row.get("id")).isEqualTo("huawei");
            assertThat(row.get("label")).isEqualTo("Huawei");
            assertThat(row.get("aliases@zh")).isEqualTo("华为|华为技术有限公司");
            assertThat(row.get("aliases@en")).isEqualTo("Huawei Technologies");
            assertThat(row.get("description")).isNotBlank();
        }).noneSatisfy(row -> assertThat(row.get("id")).isEqualTo("huawei-qingyun-printers"));
        assertThat(csv(get("/api/export?format=csv-nodes").body())).hasSize((int) count("MATCH (n:Resource) RETURN count(n)", Map.of()));
    }

    @Test
    void csvRelationsHaveTheirProvenanceInColumns() throws Exception {
        Response r = get("/api/export?format=csv-relations&root=huawei&depth=1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().lines().findFirst().orElseThrow())
                .isEqualTo("subject,predicate,object,source,evidence,confidence,validFrom,validTo");
        assertThat(csv(r.body())).anySatisfy(row -> {
            assertThat(row.get("subject")).isEqualTo("huawei");
            assertThat(row.get("predicate")).isEqualTo("develops");
            assertThat(row.get("object")).isEqualTo("nearlink");
            assertThat(row.get("source")).isEqualTo("huawei-has-established-differentiation-barriers-within-its-ecosystem");
            assertThat(row.get("confidence")).isEqualTo("0.9");
            assertThat(row.get("evidence")).contains("NearLink");
        });
    }

    @Test
    void csvAsAZipHoldsBothFilesEachWithTheMappingThatImportsItBack() throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/export?format=csv")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/zip");
        Map<String, String> files = new java.util.LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                files.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(files.keySet()).containsExactly("nodes.csv", "relations.csv", "nodes.mapping.yaml", "relations.mapping.yaml");
        // Every column the export wrote is read by the mapping (the import refuses a column it neither reads nor ignores).
        String header = files.get("nodes.csv").lines().findFirst().orElseThrow();
        for (String column : header.split(",")) {
            if (!List.of("id", "label", "types", "description").contains(column)) {
                assertThat(files.get("nodes.mapping.yaml")).contains("\"" + column + "\"");
            }
        }
        assertThat(files.get("nodes.mapping.yaml")).contains("\"aliases@zh\", language: \"zh\"", "class: {column: types, separator: \"|\"}");
        assertThat(files.get("relations.mapping.yaml")).contains("rows: relations", "subject: subject", "source: {column: source}");
        assertThat(files.get("nodes.csv")).isEqualTo(get("/api/export?format=csv-nodes").body());
        assertThat(files.get("relations.csv")).isEqualTo(get("/api/export?format=csv-relations").body());
        assertThat(csv(files.get("relations.csv"))).hasSize((int) count("MATCH (:Resource)-[r]->(:Resource) RETURN count(r)", Map.of()));
    }

    @Test
    void badRequestsAreProblems() {
        assertThat(get("/api/export?format=docx").status()).isEqualTo(400);
        Response unknown = get("/api/export?format=turtle&root=no-such-thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/export?format=csv&root=huawei&depth=9").status()).isEqualTo(400);
        Response profile = get("/api/export?format=turtle&profile=rdf10");
        assertThat(profile.status()).isEqualTo(400);
        assertThat(profile.json().get("parameter").asString()).isEqualTo("profile");
        Response graphs = get("/api/export?format=turtle&profile=rdf11-graphs");
        assertThat(graphs.status()).isEqualTo(400);
        assertThat(graphs.json().get("detail").asString()).contains("trig");
        assertThat(get("/api/export?format=graphml&profile=rdf11").status()).isEqualTo(400);
    }
}
