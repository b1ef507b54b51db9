package io.cigraph.rdf;

import java.io.OutputStream;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFOps;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.springframework.stereotype.Component;

/**
 * The graph as RDF files: the stated facts with their provenance as RDF 1.2 reifiers, as the data
 * files state them; in TriG also the inferred graph, by name. Turtle, TriG and N-Triples are
 * written by Jena's streaming writers straight from a TDB2 read transaction, so a large graph never
 * sits in memory; JSON-LD has no streaming writer in Jena, so that one export is built in memory,
 * and as JSON-LD cannot hold triple terms its reifiers use the classic reification vocabulary.
 * Public because the web feature serves it.
 */
@Component
public class RdfExport {

    /** An RDF export format with its media type and file extension. */
    public enum Format {
        TURTLE("text/turtle", "ttl"), TRIG("application/trig", "trig"),
        JSONLD("application/ld+json", "jsonld"), NTRIPLES("application/n-triples", "nt");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String mediaType() {
            return mediaType;
        }

        public String extension() {
            return extension;
        }

        /** The format of a name such as {@code turtle}, or {@code null}. */
        public static Format of(String name) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(name)) {
                    return f;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final RdfStore store;
    private final PrefixMapping prefixes;

    RdfExport(RdfStore store) {
        this.store = store;
        this.prefixes = RdfGraphs.prefixes(store.ontology().vocabIri(), store.ontology().baseIri());
    }

    /**
     * Writes the stated graph, or only what lies among the resources with the given ids (their
     * descriptions, the relations between them and those relations' provenance).
     *
     * @param ids resource ids to keep, or {@code null} for everything
     */
    public void write(OutputStream out, Format format, Set<String> ids) {
        DatasetGraph dsg = store.dataset();
        Txn.executeRead(dsg, () -> {
            Predicate<Triple> keep = ids == null ? t -> true : new Among(ids, store.ontology().baseIri(), dsg);
            if (format == Format.JSONLD) {
                Graph g = GraphFactory.createDefaultGraph();
                g.getPrefixMapping().setNsPrefixes(prefixes);
                dsg.find(RdfGraphs.DATA, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                    if (keep.test(q.asTriple())) {
                        JsonLdReifiers.add(g, q.asTriple());
                    }
                });
                RDFDataMgr.write(out, g, Lang.JSONLD);
                return;
            }
            RDFFormat rdfFormat = switch (format) {
                case TURTLE -> RDFFormat.TURTLE_BLOCKS;
                case TRIG -> RDFFormat.TRIG_BLOCKS;
                default -> RDFFormat.NTRIPLES;
            };
            StreamRDF stream = StreamRDFWriter.getWriterStream(out, rdfFormat, null);
            stream.start();
            if (format != Format.NTRIPLES) {
                StreamRDFOps.sendPrefixesToStream(prefixes, stream);
            }
            Node[] graphs = format == Format.TRIG ? new Node[] {RdfGraphs.DATA, RdfGraphs.INFERRED} : new Node[] {RdfGraphs.DATA};
            for (Node graph : graphs) {
                dsg.find(graph, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                    if (keep.test(q.asTriple())) {
                        if (format == Format.TRIG) {
                            stream.quad(q);
                        } else {
                            stream.triple(q.asTriple());
                        }
                    }
                });
            }
            stream.finish();
        });
    }

    /**
     * Triples among a set of resources: about one of them with a literal or class as object, or
     * between two of them, or a reifier (and its annotations) of a relation between two of them.
     */
    private static final class Among implements Predicate<Triple> {

        private final Set<String> ids;
        private final String base;
        private final DatasetGraph dsg;

        Among(Set<String> ids, String base, DatasetGraph dsg) {
            this.ids = ids;
            this.base = base;
            this.dsg = dsg;
        }

        @Override
        public boolean test(Triple t) {
            Node s = t.getSubject();
            if (s.isBlank()) {
                return reifiesKept(s);
            }
            if (!inSet(s)) {
                return false;
            }
            Node o = t.getObject();
            return !isResource(o) || inSet(o);
        }

        private boolean reifiesKept(Node reifier) {
            var it = dsg.find(RdfGraphs.DATA, reifier, RdfGraphs.REIFIES, Node.ANY);
            if (!it.hasNext()) {
                return false;
            }
            Quad q = it.next();
            if (!q.getObject().isTripleTerm()) {
                return false;
            }
            Triple reified = q.getObject().getTriple();
            return inSet(reified.getSubject()) && inSet(reified.getObject());
        }

        private boolean isResource(Node n) {
            return n.isURI() && n.getURI().startsWith(base);
        }

        private boolean inSet(Node n) {
            return isResource(n) && ids.contains(n.getURI().substring(base.length()));
        }
    }
}
