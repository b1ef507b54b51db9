package io.cigraph.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSetOps;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.util.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServicePolicyTests {

    private static final String ROWS = """
            {"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "urn:remote"}}]}}""";

    private HttpServer remote;
    private final AtomicInteger calls = new AtomicInteger();
    private String endpoint;

    @BeforeEach
    void startRemoteEndpoint() throws IOException {
        remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        remote.createContext("/sparql", exchange -> {
            calls.incrementAndGet();
            byte[] body = ROWS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/sparql-results+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        remote.start();
        endpoint = "http://127.0.0.1:" + remote.getAddress().getPort() + "/sparql";
    }

    @AfterEach
    void stopRemoteEndpoint() {
        remote.stop(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * WHERE { SERVICE <%s> { ?s ?p ?o } }",
            "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE SILENT <%s> { ?s ?p ?o } } }",
            "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <%s> { ?s ?p ?o } } } }",
            "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { SERVICE <%s> { ?a ?p ?o } } }",
            "SELECT * WHERE { ?a ?b ?c FILTER NOT EXISTS { SERVICE <%s> { ?a ?p ?o } } }",
            "SELECT * WHERE { { ?a ?b ?c } UNION { SERVICE <%s> { ?s ?p ?o } } }",
            "SELECT ?a (EXISTS { SERVICE <%s> { ?a ?p ?o } } AS ?x) WHERE { ?a ?b ?c }",
            "ASK { ?a ?b ?c MINUS { SERVICE <%s> { ?a ?p ?o } } }",
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { SERVICE <%s> { ?s ?p ?o } } }",
            "DESCRIBE ?s WHERE { SERVICE <%s> { ?s ?p ?o } }"})
    void anEndpointNotListedIsRefusedWhereverTheQueryNamesIt(String query) {
        ServicePolicy policy = new ServicePolicy(List.of("http://example.org/other"));
        assertThatThrownBy(() -> policy.check(QueryFactory.create(query.formatted(endpoint))))
                .isInstanceOf(ServicePolicy.ServiceNotAllowedException.class)
                .hasMessageContaining(endpoint).hasMessageContaining("cigraph.rdf.allowed-services");
    }

    @Test
    void anEndpointComputedWhileTheQueryRunsIsRefusedEvenWhenItsValueWouldBeListed() {
        ServicePolicy policy = new ServicePolicy(List.of(endpoint));
        Query query = QueryFactory.create("SELECT * WHERE { BIND(IRI(\"" + endpoint + "\") AS ?x) SERVICE ?x { ?s ?p ?o } }");
        assertThatThrownBy(() -> policy.check(query)).isInstanceOf(ServicePolicy.ServiceNotAllowedException.class)
                .hasMessageContaining("?x").hasMessageContaining("cannot be checked beforehand");
    }

    @Test
    void aListedEndpointAndQueriesWithoutServicePass() {
        ServicePolicy policy = new ServicePolicy(List.of(endpoint));
        assertThatCode(() -> policy.check(QueryFactory.create("SELECT * WHERE { SERVICE <" + endpoint + "> { ?s ?p ?o } }")))
                .doesNotThrowAnyException();
        assertThatCode(() -> new ServicePolicy(List.of()).check(QueryFactory.create("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { ?s a ?t } }")))
                .doesNotThrowAnyException();
    }

    @Test
    void whileTheQueryRunsOnlyListedEndpointsAreCalled() {
        // Run without the check made before the query: the context's executor alone must hold.
        String bound = "SELECT ?s WHERE { BIND(IRI(\"" + endpoint + "\") AS ?x) SERVICE ?x { ?s ?p ?o } }";
        Throwable refused = catchThrowable(() -> rows(bound, new ServicePolicy(List.of())));
        assertThat(refused).isNotNull();
        assertThat(refused).satisfiesAnyOf(
                t -> assertThat(t).isInstanceOf(ServicePolicy.ServiceNotAllowedException.class),
                t -> assertThat(t).hasRootCauseInstanceOf(ServicePolicy.ServiceNotAllowedException.class));
        assertThat(calls).hasValue(0);

        assertThat(rows(bound, new ServicePolicy(List.of(endpoint)))).isEqualTo(1);
        assertThat(calls).hasValue(1);
    }

    private static long rows(String query, ServicePolicy policy) {
        Context context = new Context();
        ServiceExecutorRegistry.set(context, policy.registry());
        try (QueryExec exec = QueryExec.newBuilder().dataset(DatasetGraphFactory.create()).query(query).context(context).build()) {
            return RowSetOps.count(exec.select());
        }
    }
}
