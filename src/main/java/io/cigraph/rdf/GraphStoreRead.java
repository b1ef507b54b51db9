package io.cigraph.rdf;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.function.Supplier;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.fuseki.servlets.ActionLib;
import org.apache.jena.fuseki.servlets.GSP_R;
import org.apache.jena.fuseki.servlets.GraphTarget;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * The Graph Store Protocol's reads ({@code GET /sparql?graph=<iri>}, {@code ?default}, and the
 * whole dataset as quads) under the same limits as queries: at most {@code max} triples or quads
 * ({@code cigraph.rdf.max-rows}; a cut answer carries {@code X-Result-Limit}), and stopped at the
 * request's deadline ({@code cigraph.rdf.query-timeout}). Fuseki's own reads have neither, and
 * write Turtle with a writer that reads the whole graph first; these stream ({@link StreamedAnswer}).
 * Writes stay Fuseki's 405s.
 */
final class GraphStoreRead extends GSP_R {

    private final PrefixMapping prefixes;
    private final long max;

    GraphStoreRead(PrefixMapping prefixes, long max) {
        this.prefixes = prefixes;
        this.max = max;
    }

    @Override
    protected void execGetGSP(HttpAction action) {
        ActionLib.setCommonHeaders(action);
        Lang lang = lang(ActionLib.contentNegotationRDF(action));
        action.beginRead();
        try {
            GraphTarget target = GraphTarget.determineTargetGSP(decideDataset(action), action);
            if (!target.exists()) {
                ServletOps.errorNotFound("No graph named " + target.label() + " is in the store");
            }
            Graph graph = target.graph();
            send(action, lang, () -> graph.find(), (answer, out) -> answer.triples(graph.find(), lang, prefixes, out));
        } finally {
            action.endRead();
        }
    }

    @Override
    protected void execGetQuads(HttpAction action) {
        ActionLib.setCommonHeaders(action);
        Lang lang = lang(ActionLib.contentNegotationQuads(action));
        action.beginRead();
        try {
            DatasetGraph dataset = decideDataset(action);
            send(action, lang, dataset::find, (answer, out) -> answer.quads(dataset.find(), lang, prefixes, out));
        } finally {
            action.endRead();
        }
    }

    /** Writes the answer's items to the response. */
    private interface Writing {
        void write(StreamedAnswer answer, OutputStream out) throws IOException;
    }

    private void send(HttpAction action, Lang lang, Supplier<Iterator<?>> count, Writing writing) {
        SparqlWatchdog.Deadline deadline = SparqlWatchdog.Deadline.of(action.getRequest());
        StreamedAnswer answer = new StreamedAnswer(max, deadline == null ? () -> false : deadline::passed);
        boolean capped = answer.exceedsCap(count.get());
        action.setResponseContentType(lang.getHeaderString());
        if (!RDFLanguages.RDFTHRIFT.equals(lang) && !RDFLanguages.RDFPROTO.equals(lang)) {
            action.setResponseCharacterEncoding("utf-8");
        }
        if (capped) {
            action.setResponseHeader("X-Result-Limit", Long.toString(max));
        }
        ServletOps.success(action);
        try {
            writing.write(answer, action.getResponseOutputStream());
        } catch (IOException e) {
            ServletOps.errorOccurred(e);
        }
    }

    private static Lang lang(MediaType mediaType) {
        Lang lang = RDFLanguages.contentTypeToLang(mediaType.getContentTypeStr());
        if (lang == null) {
            ServletOps.errorBadRequest("No RDF syntax for " + mediaType.getContentTypeStr());
        }
        return lang;
    }
}
