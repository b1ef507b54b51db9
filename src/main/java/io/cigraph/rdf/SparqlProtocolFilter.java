package io.cigraph.rdf;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.jena.fuseki.Fuseki;
import org.apache.jena.fuseki.server.DataAccessPointRegistry;
import org.apache.jena.fuseki.server.Dispatcher;
import org.apache.jena.fuseki.server.OperationRegistry;

/**
 * Hands {@code /sparql} requests to Fuseki's dispatcher, as Fuseki's own {@code FusekiFilter}
 * does, inside the service's servlet container. Fuseki finds its registries in the servlet
 * context, so they are put there when the filter starts. The one request Fuseki would answer
 * differently from the SPARQL 1.1 Service Description spec, a plain GET of the endpoint, is
 * answered here with the service description instead of a dump of the dataset. Every other
 * request runs under the {@link SparqlWatchdog} and answers errors as problem details.
 */
class SparqlProtocolFilter implements Filter {

    private final DataAccessPointRegistry dataAccessPoints;
    private final OperationRegistry operations;
    private final ServiceDescription description;
    private final SparqlWatchdog watchdog;

    SparqlProtocolFilter(DataAccessPointRegistry dataAccessPoints, OperationRegistry operations,
                         ServiceDescription description, SparqlWatchdog watchdog) {
        this.dataAccessPoints = dataAccessPoints;
        this.operations = operations;
        this.description = description;
        this.watchdog = watchdog;
    }

    @Override
    public void init(FilterConfig config) {
        DataAccessPointRegistry.set(config.getServletContext(), dataAccessPoints);
        OperationRegistry.set(config.getServletContext(), operations);
        Fuseki.setVerbose(config.getServletContext(), false);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        boolean plainRead = ("GET".equals(http.getMethod()) || "HEAD".equals(http.getMethod()))
                && (http.getQueryString() == null || http.getQueryString().isBlank());
        if (plainRead) {
            description.write(http, out);
            return;
        }
        try (SparqlWatchdog.Deadline deadline = watchdog.start(http)) {
            ProblemResponse answer = new ProblemResponse(out, deadline);
            if (!Dispatcher.dispatch(http, answer)) {
                chain.doFilter(request, answer);
            }
            answer.finish(http);
        }
    }
}
