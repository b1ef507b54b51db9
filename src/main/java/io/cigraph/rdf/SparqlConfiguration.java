package io.cigraph.rdf;

import java.util.List;
import org.apache.jena.fuseki.server.DataAccessPoint;
import org.apache.jena.fuseki.server.DataAccessPointRegistry;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Endpoint;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.fuseki.server.OperationRegistry;
import org.apache.jena.fuseki.servlets.ActionProcessor;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.system.FusekiCore;
import org.apache.jena.query.ARQ;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.tdb2.TDB2;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@code /sparql} as a read-only Fuseki data service over the TDB2 dataset: SPARQL query and the
 * Graph Store Protocol's reads on the one endpoint. SPARQL Update is answered 403 by a processor
 * that touches nothing, and Graph Store writes get Fuseki's own 405 because only the read
 * operation is offered; neither ever reaches the dataset with a write transaction. Every request
 * runs under a {@link SparqlWatchdog}, and every error is a problem detail ({@link ProblemResponse}).
 */
@Configuration(proxyBeanMethods = false)
class SparqlConfiguration {

    static final String PATH = "/sparql";

    @Bean(destroyMethod = "close")
    SparqlWatchdog sparqlWatchdog(RdfProperties properties) {
        return new SparqlWatchdog(properties.queryTimeout());
    }

    @Bean
    FilterRegistrationBean<SparqlProtocolFilter> sparqlProtocol(RdfStore store, RdfProperties properties,
                                                                 List<SparqlContextCustomizer> customizers,
                                                                 SparqlWatchdog watchdog) {
        FusekiCore.init();
        PrefixMapping prefixes = RdfGraphs.prefixes(store.ontology().vocabIri(), store.ontology().baseIri());
        ServicePolicy services = new ServicePolicy(properties.allowedServices());
        Context context = queryContext(properties, customizers);
        ServiceExecutorRegistry.set(context, services.registry());
        DataService service = DataService.newBuilder(store.dataset())
                .addEndpoint(Endpoint.create().operation(Operation.Query).endpointName("")
                        .processor(new SparqlQueryProcessor(prefixes, properties.maxRows(), services)).context(context).build())
                .addEndpoint(Endpoint.create().operation(Operation.GSP_R).endpointName("")
                        .processor(new GraphStoreRead(prefixes, properties.maxRows())).context(context).build())
                .addEndpoint(Endpoint.create().operation(Operation.Update).endpointName("")
                        .processor(READ_ONLY).build())
                .build();
        service.goActive();
        DataAccessPointRegistry registry = new DataAccessPointRegistry();
        registry.register(new DataAccessPoint(PATH, service));
        FilterRegistrationBean<SparqlProtocolFilter> bean = new FilterRegistrationBean<>(
                new SparqlProtocolFilter(registry, OperationRegistry.createStd(), new ServiceDescription(prefixes), watchdog));
        bean.addUrlPatterns(PATH);
        bean.setName("sparqlProtocol");
        bean.setOrder(Ordered.LOWEST_PRECEDENCE);
        return bean;
    }

    /**
     * The context every query runs with: the configured timeout (a request's {@code timeout}
     * parameter can only shorten it), the union of the named graphs as the default graph, and what
     * other features add.
     */
    static Context queryContext(RdfProperties properties, List<SparqlContextCustomizer> customizers) {
        Context context = new Context();
        context.set(ARQ.queryTimeout, Long.toString(properties.queryTimeout().toMillis()));
        context.set(TDB2.symUnionDefaultGraph, true);
        customizers.forEach(c -> c.customize(context));
        return context;
    }

    /** Answers every SPARQL Update request with 403: the data changes only through imports. */
    private static final ActionProcessor READ_ONLY = new ActionProcessor() {
        @Override
        public void execAny(String method, HttpAction action) {
            SparqlProblem.readOnly().raise(action);
        }
    };
}
