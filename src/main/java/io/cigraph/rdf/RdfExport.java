package io.cigraph.rdf;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFOps;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.springframework.stereotype.Component;

/**
 * The graph as RDF files: the stated facts with their provenance, in TriG and N-Quads also the
 * inferred graph, by name. Two profiles: RDF 1.2, the default, writes provenance as the data files
 * state it (reifiers of triple terms); RDF 1.1 writes it in the forms RDF 1.1 tools read (rdflib,
 * mapping tools): classic reification, or in quad formats, one named graph per source (see
 * {@link Rdf11Quads}). Turtle, TriG, N-Triples and N-Quads are written by Jena's streaming writers
 * straight from a TDB2 read transaction, so a large graph never sits in memory; JSON-LD has no
 * streaming writer in Jena, so that one export is built in memory, and as JSON-LD 1.1 cannot hold
 * triple terms it is always in an RDF 1.1 profile. Public because the web feature serves it.
 */
@Component
public class RdfExport {

    /** An RDF export format with its media type and file extension. */
    public enum Format {
        TURTLE("text/turtle", "ttl", false), TRIG("application/trig", "trig", true),
        JSONLD("application/ld+json", "jsonld", true), NTRIPLES("application/n-triples", "nt", false),
        NQUADS("application/n-quads", "nq", true);

        private final String mediaType;
        private final String extension;
        private final boolean quads;

        Format(String mediaType, String extension, boolean quads) {
            this.mediaType = mediaType;
            this.extension = extension;
            this.quads = quads;
        }

        public String mediaType() {
            return mediaType;
        }

        public String extension() {
            return extension;
        }

        /** Whether the format has named graphs, which the {@link Profile#RDF11_GRAPHS} profile needs. */
        public boolean quads() {
            return quads;
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

        /** The format of a media type such as {@code text/turtle}, or {@code null}. */
        public static Format ofMediaType(String mediaType) {
            for (Format f : values()) {
                if (f.mediaType.equalsIgnoreCase(mediaType)) {
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

    /** How provenance is written: as RDF 1.2 reifiers, RDF 1.1 reification or a graph per source. */
    public enum Profile {
        RDF12("rdf12"), RDF11("rdf11"), RDF11_GRAPHS("rdf11-graphs");

        private final String name;

        Profile(String name) {
            this.name = name;
        }

        /** The profile of a name such as {@code rdf11}, or {@code null}. */
        public static Profile of(String name) {
            for (Profile p : values()) {
                if (p.name.equalsIgnoreCase(name)) {
                    return p;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final RdfStore store;
    private final PrefixMapping prefixes;
    private final JsonLdContext jsonLd;
    private final Node source;

    RdfExport(RdfStore store) {
        this.store = store;
        this.prefixes = RdfGraphs.prefixes(store.ontology().vocabIri(), store.ontology().baseIri());
        this.jsonLd = new JsonLdContext(store.ontology(), prefixes);
        this.source = NodeFactory.createURI(store.ontology().termIri("source"));
    }

    /**
     * Writes the stated graph, or only what lies among the resources with the given ids (their
     * descriptions, the relations between them and those relations' provenance).
     *
     * @param ids resource ids to keep, or {@code null} for everything
     * @throws IllegalArgumentException for {@link Profile#RDF11_GRAPHS} in a format without graphs
     */
    public void write(OutputStream out, Format format, Profile profile, Set<String> ids) {
        if (profile == Profile.RDF11_GRAPHS && !format.quads()) {
            throw new IllegalArgumentException(format + " has no named graphs for the " + profile + " profile");
        }
        Profile written = format == Format.JSONLD && profile == Profile.RDF12 ? Profile.RDF11 : profile;
        DatasetGraph dsg = store.dataset();
        Txn.executeRead(dsg, () -> {
            Quads quads = ids == null ? (graph, sink) -> dsg.find(graph, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(sink)
                    : new Among(ids, store.ontology().baseIri(), dsg);
            Rdf11Quads rdf11 = written == Profile.RDF12 ? null : new Rdf11Quads(dsg, source, written == Profile.RDF11_GRAPHS);
            if (format == Format.JSONLD) {
                DatasetGraph json = DatasetGraphFactory.createGeneral();
                // JSON-LD's graphs are the sources' (rdf11-graphs) or none: the inferred graph is left out.
                quads.forEach(RdfGraphs.DATA, q -> rdf11.send(q, t -> json.add(written == Profile.RDF11_GRAPHS ? t
                        : new Quad(Quad.defaultGraphIRI, t.asTriple()))));
                jsonLd.write(out, json);
                return;
            }
            RDFFormat rdfFormat = switch (format) {
                case TURTLE -> RDFFormat.TURTLE_BLOCKS;
                case TRIG -> RDFFormat.TRIG_BLOCKS;
                case NQUADS -> RDFFormat.NQUADS;
                default -> RDFFormat.NTRIPLES;
            };
            StreamRDF stream = StreamRDFWriter.getWriterStream(out, rdfFormat, null);
            stream.start();
            if (format == Format.TURTLE || format == Format.TRIG) {
                StreamRDFOps.sendPrefixesToStream(prefixes, stream);
            }
            Consumer<Quad> sink = format.quads() ? stream::quad : q -> stream.triple(q.asTriple());
            Node[] graphs = format.quads() ? new Node[] {RdfGraphs.DATA, RdfGraphs.INFERRED} : new Node[] {RdfGraphs.DATA};
            for (Node graph : graphs) {
                quads.forEach(graph, q -> {
                    if (rdf11 == null) {
                        sink.accept(q);
                    } else {
                        rdf11.send(q, sink);
                    }
                });
            }
            stream.finish();
        });
    }

    /** The quads of a graph that an export writes. */
    private interface Quads {
        void forEach(Node graph, Consumer<Quad> sink);
    }

    /**
     * The quads among a set of resources, found from each resource rather than by reading the whole
     * graph: what a graph states about one of them with a literal or class as object, or between two
     * of them, and each reifier (with its annotations) of a relation stated between two of them.
     * Resources are taken in id order, each one's statements before the reifiers of its relations.
     */
    private static final class Among implements Quads {

        private final Set<String> ids;
        private final String base;
        private final DatasetGraph dsg;

        Among(Set<String> ids, String base, DatasetGraph dsg) {
            this.ids = new TreeSet<>(ids);
            this.base = base;
            this.dsg = dsg;
        }

        @Override
        public void forEach(Node graph, Consumer<Quad> sink) {
            for (String id : ids) {
                List<Triple> relations = new ArrayList<>();
                dsg.find(graph, NodeFactory.createURI(base + id), Node.ANY, Node.ANY).forEachRemaining(q -> {
                    Node o = q.getObject();
                    if (!isResource(o)) {
                        sink.accept(q);
                    } else if (inSet(o)) {
                        sink.accept(q);
                        relations.add(q.asTriple());
                    }
                });
                for (Triple relation : relations) {
                    dsg.find(graph, Node.ANY, RdfGraphs.REIFIES, NodeFactory.createTripleTerm(relation)).forEachRemaining(r -> {
                        if (r.getSubject().isBlank()) {
                            dsg.find(graph, r.getSubject(), Node.ANY, Node.ANY).forEachRemaining(sink);
                        }
                    });
                }
            }
        }

        private boolean isResource(Node n) {
            return n.isURI() && n.getURI().startsWith(base);
        }

        private boolean inSet(Node n) {
            return isResource(n) && ids.contains(n.getURI().substring(base.length()));
        }
    }
}
