package io.cigraph.rdf;

import java.io.IOException;
import java.util.Iterator;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.fuseki.DEF;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.fuseki.system.ConNeg;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Prologue;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;

/**
 * Fuseki's SPARQL query processor with additions made before Fuseki sees the query: the
 * ontology's prefixes are predeclared (the query is parsed into a prologue that already has them,
 * so line and column numbers of parse errors stay the caller's own), an update sent as a query is
 * refused as read-only rather than as a parse error, a {@code SERVICE} the {@link ServicePolicy}
 * does not allow is refused, and every query gets a {@code LIMIT} no larger than the configured
 * cap. Errors become problem details ({@link SparqlProblem}); the query execution is aborted when
 * the request's deadline passes ({@link SparqlWatchdog}); CONSTRUCT and DESCRIBE answers in Turtle
 * or N-Triples are streamed ({@link StreamedAnswer}). Timeouts, content negotiation and the other
 * result writing stay Fuseki's.
 * <p>
 * Extension point: property functions such as a future {@code kg:search} are registered in the
 * query context (see {@link SparqlConfiguration#queryContext}), not here.
 */
class SparqlQueryProcessor extends SPARQL_QueryDataset {

    private final PrefixMapping prefixes;
    private final long maxRows;
    private final ServicePolicy services;

    SparqlQueryProcessor(PrefixMapping prefixes, long maxRows, ServicePolicy services) {
        this.prefixes = prefixes;
        this.maxRows = maxRows;
        this.services = services;
    }

    @Override
    protected void execute(String queryString, HttpAction action) {
        if (queryString == null || queryString.isBlank()) {
            new SparqlProblem(400, "invalid-query", "Invalid SPARQL query", "The query is empty. Send a SPARQL query"
                    + " (SELECT, ASK, CONSTRUCT or DESCRIBE) as query= or as a body of type application/sparql-query.")
                    .raise(action);
        }
        Query query;
        try {
            query = parse(queryString, prefixes);
        } catch (QueryParseException e) {
            (isUpdate(queryString, prefixes) ? SparqlProblem.readOnly() : SparqlProblem.invalidQuery(e)).raise(action);
            return;
        }
        try {
            services.check(query);
        } catch (ServicePolicy.ServiceNotAllowedException e) {
            SparqlProblem.serviceNotAllowed(e).raise(action);
        }
        if (capped(query, maxRows)) {
            action.setResponseHeader("X-Result-Limit", Long.toString(maxRows));
        }
        super.execute(query.serialize(), action);
    }

    /** Fuseki's query execution, which the request's deadline aborts (see {@link SparqlWatchdog}). */
    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        QueryExec exec = super.createQueryExec(action, query, dataset);
        SparqlWatchdog.Deadline deadline = SparqlWatchdog.Deadline.of(action.getRequest());
        if (deadline != null) {
            deadline.onExpiry(exec::abort);
        }
        return exec;
    }

    /**
     * Runs the query as Fuseki does, except that a CONSTRUCT or DESCRIBE answer in a streaming
     * syntax is written here as its triples come ({@link StreamedAnswer}) rather than gathered
     * into a graph first; it then returns null, for {@link #sendResults} has nothing left to send.
     * A {@code SERVICE} that the context's executor refused is the same 400 as one refused
     * before the query ran.
     */
    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec exec, Query query, String queryStringLog) {
        try {
            Lang streamed = (query.isConstructType() && !query.isConstructQuad()) || query.isDescribeType()
                    ? streamingLang(action) : null;
            if (streamed == null) {
                return super.executeQuery(action, exec, query, queryStringLog);
            }
            Iterator<Triple> triples = query.isConstructType() ? exec.constructTriples() : exec.describeTriples();
            action.setResponseContentType(streamed.getHeaderString());
            action.setResponseCharacterEncoding("utf-8");
            ServletOps.success(action);
            SparqlWatchdog.Deadline deadline = SparqlWatchdog.Deadline.of(action.getRequest());
            // The LIMIT already caps the solutions; the deadline stops the writing.
            StreamedAnswer answer = new StreamedAnswer(Long.MAX_VALUE, deadline == null ? () -> false : deadline::passed);
            answer.triples(triples, streamed, query.getPrefixMapping(), action.getResponseOutputStream());
            return null;
        } catch (ServicePolicy.ServiceNotAllowedException e) {
            SparqlProblem.serviceNotAllowed(e).raise(action);
            return null;
        } catch (IOException e) {
            ServletOps.errorOccurred(e);
            return null;
        }
    }

    /** The syntax asked for, when it is one {@link StreamedAnswer} streams; null otherwise. */
    private static Lang streamingLang(HttpAction action) {
        if (action.getRequestParameter("output") != null || action.getRequestParameter("format") != null) {
            return null;
        }
        MediaType type = ConNeg.chooseContentType(action.getRequest(), DEF.constructOffer, DEF.acceptTurtleDefault());
        Lang lang = type == null ? null : RDFLanguages.contentTypeToLang(type.getContentTypeStr());
        return lang != null && StreamedAnswer.streams(lang) && RDFLanguages.isTriples(lang) ? lang : null;
    }

    /**
     * Hands the results to Fuseki's writers, except that a CONSTRUCT or DESCRIBE answer asked for
     * as JSON-LD has its RDF 1.2 reifiers rewritten first (see {@link JsonLdReifiers}), so that
     * provenance comes out rather than a writer error.
     */
    @Override
    protected void sendResults(HttpAction action, QueryExecResult result, Prologue prologue) {
        if (result == null) {
            return;
        }
        QueryExecResult sent = result;
        if ((result.isGraph() || result.isDataset()) && wantsJsonLd(action)) {
            Graph graph = result.isGraph() ? result.graph() : result.dataset().getDefaultGraph();
            sent = new QueryExecResult(JsonLdReifiers.rewrite(graph));
        }
        super.sendResults(action, sent, prologue);
    }

    private static boolean wantsJsonLd(HttpAction action) {
        String output = action.getRequestParameter("output");
        MediaType type = ConNeg.chooseContentType(action.getRequest(), DEF.constructOffer, DEF.acceptTurtleDefault());
        String chosen = output != null ? output : type == null ? null : type.getContentTypeStr();
        return chosen != null && (chosen.equalsIgnoreCase("json-ld") || Lang.JSONLD.equals(RDFLanguages.contentTypeToLang(chosen)));
    }

    /** Parses with the predeclared prefixes; a query's own PREFIX lines override them. */
    static Query parse(String queryString, PrefixMapping prefixes) {
        Query query = new Query();
        query.setPrefixMapping(PrefixMapping.Factory.create().setNsPrefixes(prefixes));
        QueryFactory.parse(query, queryString, null, Syntax.syntaxARQ);
        return query;
    }

    /** Whether text that is no query is an update, which this endpoint refuses as such. */
    static boolean isUpdate(String text, PrefixMapping prefixes) {
        try {
            UpdateRequest update = new UpdateRequest();
            update.setPrefixMapping(PrefixMapping.Factory.create().setNsPrefixes(prefixes));
            UpdateFactory.parse(update, text, null, Syntax.syntaxARQ);
            return true;
        } catch (QueryParseException e) {
            return false;
        }
    }

    /** Limits a query that returns rows or triples to {@code max}; true when it had no smaller limit. */
    static boolean capped(Query query, long max) {
        if (query.isAskType()) {
            return false;
        }
        if (!query.hasLimit() || query.getLimit() > max) {
            query.setLimit(max);
            return true;
        }
        return false;
    }
}
