package io.cigraph.rdf;

import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.fuseki.DEF;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQLProtocol;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.fuseki.system.ConNeg;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Prologue;
import org.apache.jena.sparql.exec.QueryExecResult;

/**
 * Fuseki's SPARQL query processor with two additions made before Fuseki sees the query: the
 * ontology's prefixes are predeclared (the query is parsed into a prologue that already has them,
 * so line and column numbers of parse errors stay the caller's own), and every query gets a
 * {@code LIMIT} no larger than the configured cap. Timeouts, content negotiation, result writing
 * and errors stay Fuseki's.
 * <p>
 * Extension point: property functions such as a future {@code kg:search} are registered in the
 * query context (see {@link SparqlConfiguration#queryContext}), not here.
 */
class SparqlQueryProcessor extends SPARQL_QueryDataset {

    private final PrefixMapping prefixes;
    private final long maxRows;

    SparqlQueryProcessor(PrefixMapping prefixes, long maxRows) {
        this.prefixes = prefixes;
        this.maxRows = maxRows;
    }

    @Override
    protected void execute(String queryString, HttpAction action) {
        if (queryString == null || queryString.isBlank()) {
            ServletOps.errorBadRequest("Error: Empty query string");
        }
        Query query;
        try {
            query = parse(queryString, prefixes);
        } catch (QueryParseException e) {
            ServletOps.errorBadRequest(SPARQLProtocol.messageForParseException(e));
            return;
        }
        if (capped(query, maxRows)) {
            action.setResponseHeader("X-Result-Limit", Long.toString(maxRows));
        }
        super.execute(query.serialize(), action);
    }

    /**
     * Hands the results to Fuseki's writers, except that a CONSTRUCT or DESCRIBE answer asked for
     * as JSON-LD has its RDF 1.2 reifiers rewritten first (see {@link JsonLdReifiers}), so that
     * provenance comes out rather than a writer error.
     */
    @Override
    protected void sendResults(HttpAction action, QueryExecResult result, Prologue prologue) {
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
