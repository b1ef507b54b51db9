package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The RDF 1.1 profiles of the export, read back by Jena: the same statements and the same
 * provenance as the RDF 1.2 export, only written as RDF 1.1 tools read them.
 */
class RdfProfilesIT extends IntegrationTest {

    private static final String RES = "https://w3id.org/cigraph/id/";
    private static final String KG = "https://w3id.org/cigraph/ontology#";
    private static final Node REIFIES = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies");
    private static final Node INFERRED = NodeFactory.createURI("https://w3id.org/cigraph/graph/inferred");
    private static final Node SOURCE = NodeFactory.createURI(KG + "source");

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
        DatasetGraph dsg = DatasetGraphFactory.createGeneral();
        RDFParser.fromString(body, lang).parse(dsg);
        return dsg;
    }

    /** Every stated triple of an export, whatever graph holds it; the inferred graph left out. */
    private static Graph stated(DatasetGraph dsg) {
        Graph g = GraphFactory.createDefaultGraph();
        dsg.find().forEachRemaining(q -> {
            if (!INFERRED.equals(q.getGraph())) {
                g.add(q.asTriple());
            }
        });
        return g;
    }

    /** The RDF 1.2 export mapped by hand: each reifier of a triple term becomes an rdf:Statement. */
    private static Graph mapped(Graph rdf12) {
        Graph g = GraphFactory.createDefaultGraph();
        rdf12.find().forEach(t -> {
            if (t.getPredicate().equals(REIFIES)) {
                Triple reified = t.getObject().getTriple();
                g.add(t.getSubject(), RDF.type.asNode(), RDF.Statement.asNode());
                g.add(t.getSubject(), RDF.subject.asNode(), reified.getSubject());
                g.add(t.getSubject(), RDF.predicate.asNode(), reified.getPredicate());
                g.add(t.getSubject(), RDF.object.asNode(), reified.getObject());
            } else {
                g.add(t);
            }
        });
        return g;
    }

    @ParameterizedTest
    @CsvSource({"turtle,rdf11", "ntriples,rdf11", "trig,rdf11", "nquads,rdf11", "jsonld,rdf11", "jsonld,rdf12",
            "trig,rdf11-graphs", "nquads,rdf11-graphs", "jsonld,rdf11-graphs"})
    void anRdf11ProfileHoldsTheRdf12ExportsStatementsAsReifications(String format, String profile) {
        Graph rdf12 = stated(parse(get("/api/export?format=turtle").body(), Lang.TURTLE));
        assertThat(rdf12.find(Node.ANY, REIFIES, Node.ANY).toList()).isNotEmpty();
        Response r = get("/api/export?format=" + format + "&profile=" + profile);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        DatasetGraph dsg = parse(r.body(), lang(format));
        assertThat(dsg.stream().filter(q -> q.getSubject().isTripleTerm() || q.getObject().isTripleTerm()
                || q.getPredicate().equals(REIFIES))).isEmpty();
        Graph rdf11 = stated(dsg);
        assertThat(rdf11.isIsomorphicWith(mapped(rdf12)))
                .as("%s %s: %d triples against %d mapped", format, profile, rdf11.size(), mapped(rdf12).size()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"trig", "nquads", "jsonld"})
    void theGraphsProfilePutsEachStatementInTheGraphOfItsSource(String format) {
        DatasetGraph dsg = parse(get("/api/export?format=" + format + "&profile=rdf11-graphs").body(), lang(format));
        Node huawei = NodeFactory.createURI(RES + "huawei");
        Node develops = NodeFactory.createURI(KG + "develops");
        Node nearlink = NodeFactory.createURI(RES + "nearlink");
        Node article = NodeFactory.createURI(RES + "huawei-has-established-differentiation-barriers-within-its-ecosystem");
        assertThat(dsg.contains(article, huawei, develops, nearlink)).isTrue();
        assertThat(dsg.contains(Quad.defaultGraphIRI, huawei, develops, nearlink)).isFalse();
        assertThat(dsg.contains(INFERRED, Node.ANY, Node.ANY, Node.ANY)).isFalse();
        long cited = dsg.stream(Node.ANY, Node.ANY, SOURCE, Node.ANY)
                .filter(q -> dsg.contains(q.getGraph(), q.getSubject(), RDF.type.asNode(), RDF.Statement.asNode())).count();
        assertThat(cited).isPositive();
        assertThat(dsg.stream(Node.ANY, Node.ANY, SOURCE, Node.ANY)
                .filter(q -> dsg.contains(q.getGraph(), q.getSubject(), RDF.type.asNode(), RDF.Statement.asNode())))
                .allSatisfy(q -> {
                    assertThat(q.getGraph()).isEqualTo(q.getObject());
                    Node s = dsg.find(q.getGraph(), q.getSubject(), RDF.subject.asNode(), Node.ANY).next().getObject();
                    Node p = dsg.find(q.getGraph(), q.getSubject(), RDF.predicate.asNode(), Node.ANY).next().getObject();
                    Node o = dsg.find(q.getGraph(), q.getSubject(), RDF.object.asNode(), Node.ANY).next().getObject();
                    assertThat(dsg.contains(q.getGraph(), s, p, o)).as("%s %s %s in %s", s, p, o, q.getGraph()).isTrue();
                });
    }

    @Test
    void theAcceptHeadersProfileChoosesTheProfileAndItsMediaTypeTheFormat() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/export?root=huawei&depth=1"))
                .header("Accept", "application/n-triples; profile=\"https://w3id.org/cigraph/profile/rdf11\"").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/n-triples");
        assertThat(r.body()).contains(RDF.Statement.getURI()).doesNotContain("<<(").doesNotContain(REIFIES.getURI());
        assertThat(get("/api/export?format=ntriples&root=huawei&depth=1").body()).contains("<<(");
    }

    @Test
    void jsonLdHasAContextSoThatItReadsAsJson() {
        Response r = get("/api/export?format=jsonld&root=huawei-watch-gt-4&depth=1");
        JsonNode context = r.json().get("@context");
        assertThat(context.get("kg").asString()).isEqualTo(KG);
        assertThat(context.get("res").asString()).isEqualTo(RES);
        assertThat(context.get("@vocab").asString()).isEqualTo(KG);
        assertThat(context.get("source").get("@type").asString()).isEqualTo("@id");
        JsonNode watch = null;
        for (JsonNode n : r.json().get("@graph")) {
            if (n.get("@id").asString().equals("res:huawei-watch-gt-4")) {
                watch = n;
            }
        }
        assertThat(watch).as(r.body()).isNotNull();
        assertThat(watch.get("label").asString()).isEqualTo("Huawei Watch GT 4");
        assertThat(watch.get("runs").toString()).contains("res:harmonyos-4");
        assertThat(r.body()).contains("\"Statement\"").contains("\"subject\"");
    }
}
