package io.cigraph.rdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryDeniedException;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.ExprVisitorBase;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.service.single.ServiceExecutor;

/**
 * Which remote endpoints a SPARQL {@code SERVICE} clause may call. {@code /sparql} needs no key,
 * so without this anyone could make the service fetch any URL it can reach (internal ones
 * included), relay the answer and map ports by the status codes. Nothing is allowed unless
 * listed ({@code cigraph.rdf.allowed-services}), and the list is enforced twice: before the query
 * runs, on its algebra (subqueries, {@code EXISTS} and {@code BIND}-computed endpoints included),
 * so the caller gets a 400 saying which endpoint, and while it runs, by the only service executor
 * the query context offers, so a path the first check missed still calls nothing unlisted.
 */
final class ServicePolicy {

    private final Set<String> allowed;

    ServicePolicy(List<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /** Refuses a query with a {@code SERVICE} to an endpoint not listed, or to a variable one. */
    void check(Query query) {
        Op op = Algebra.compile(query);
        List<Node> endpoints = new ArrayList<>();
        // The expression visitor makes the walker enter the patterns of EXISTS and NOT EXISTS.
        Walker.walk(op, new OpVisitorBase() {
            @Override
            public void visit(OpService service) {
                endpoints.add(service.getService());
            }
        }, new ExprVisitorBase());
        endpoints.forEach(this::checkEndpoint);
    }

    private void checkEndpoint(Node endpoint) {
        if (endpoint.isVariable()) {
            throw new ServiceNotAllowedException(endpoint.toString(), "The query calls SERVICE " + endpoint
                    + ", an endpoint known only while it runs, which cannot be checked beforehand. Name the endpoint"
                    + " as an IRI, one of those listed in cigraph.rdf.allowed-services" + listed() + ".");
        }
        if (!endpoint.isURI() || !allowed.contains(endpoint.getURI())) {
            throw new ServiceNotAllowedException(endpoint.toString(), "The query calls SERVICE <" + endpoint
                    + ">, which this endpoint does not call. Remove the SERVICE clause, or have the operator add"
                    + " the endpoint to cigraph.rdf.allowed-services" + listed() + ".");
        }
    }

    private String listed() {
        if (allowed.isEmpty()) {
            return " (empty: no SERVICE is allowed)";
        }
        return " (now: " + String.join(", ", allowed.stream().sorted().toList()) + ")";
    }

    /**
     * The registry of service executors for the query context: Jena's HTTP executor behind a
     * check of the endpoint the query is about to call, with any variable already bound.
     */
    ServiceExecutorRegistry registry() {
        ServiceExecutor http = ServiceExecutorRegistry.httpService;
        ServiceExecutorRegistry registry = new ServiceExecutorRegistry();
        registry.add((opExecute, original, binding, context) -> {
            checkEndpoint(opExecute.getService());
            return http.createExecution(opExecute, original, binding, context);
        });
        return registry;
    }

    /** A {@code SERVICE} this endpoint does not call; {@code endpoint} as the query names it. */
    static final class ServiceNotAllowedException extends QueryDeniedException {

        private final String endpoint;

        ServiceNotAllowedException(String endpoint, String message) {
            super(message);
            this.endpoint = endpoint;
        }

        String endpoint() {
            return endpoint;
        }
    }
}
