package io.cigraph.rdf;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Writes triples or quads as they are read, at most {@code max} of them, and stops when told to
 * (the request's deadline). Fuseki's own graph answers use the pretty Turtle writer, which reads
 * the whole graph before writing the first byte: a large graph kept a thread busy for many
 * minutes, long after its client had left. Here Turtle and TriG are written in blocks
 * ({@link RDFFormat#TURTLE_BLOCKS}: one subject's triples together, prefixes declared, no nesting),
 * N-Triples and N-Quads a line at a time, so the answer starts at once and a client that leaves
 * makes the next write fail, which closes the iterator. Syntaxes without a streaming writer
 * (JSON-LD, RDF/XML) collect the capped triples first.
 */
final class StreamedAnswer {

    /** How writing ended. */
    enum Outcome { COMPLETE, CAPPED, STOPPED }

    private static final Map<Lang, RDFFormat> STREAMING = Map.of(
            Lang.TURTLE, RDFFormat.TURTLE_BLOCKS, Lang.NTRIPLES, RDFFormat.NTRIPLES,
            Lang.TRIG, RDFFormat.TRIG_BLOCKS, Lang.NQUADS, RDFFormat.NQUADS);

    private final long max;
    private final BooleanSupplier stop;

    StreamedAnswer(long max, BooleanSupplier stop) {
        this.max = max;
        this.stop = stop;
    }

    static boolean streams(Lang lang) {
        return STREAMING.containsKey(lang);
    }

    /**
     * Whether there are more than {@code max} items: counts up to one more, so that a capped
     * answer can say so in its headers before any of it is written. Throws
     * {@link QueryCancelledException} when told to stop.
     */
    boolean exceedsCap(Iterator<?> items) {
        try {
            long n = 0;
            while (items.hasNext()) {
                if (stop.getAsBoolean()) {
                    throw new QueryCancelledException();
                }
                items.next();
                if (++n > max) {
                    return true;
                }
            }
            return false;
        } finally {
            Iter.close(items);
        }
    }

    Outcome triples(Iterator<Triple> triples, Lang lang, PrefixMapping prefixes, OutputStream out) throws IOException {
        if (!streams(lang)) {
            Graph graph = GraphFactory.createDefaultGraph();
            graph.getPrefixMapping().setNsPrefixes(prefixes);
            Outcome outcome = stopped(write(triples, graph::add, null));
            RDFDataMgr.write(out, Lang.JSONLD.equals(lang) ? JsonLdReifiers.rewrite(graph) : graph, lang);
            return outcome;
        }
        StreamRDF stream = StreamRDFWriter.getWriterStream(out, STREAMING.get(lang));
        return streamed(triples, StreamRDF::triple, stream, prefixes, out, lang);
    }

    Outcome quads(Iterator<Quad> quads, Lang lang, PrefixMapping prefixes, OutputStream out) throws IOException {
        if (!streams(lang) || !RDFLanguages.isQuads(lang)) {
            DatasetGraph dataset = DatasetGraphFactory.create();
            prefixes.getNsPrefixMap().forEach(dataset.prefixes()::add);
            Outcome outcome = stopped(write(quads, dataset::add, null));
            RDFDataMgr.write(out, dataset, lang);
            return outcome;
        }
        StreamRDF stream = StreamRDFWriter.getWriterStream(out, STREAMING.get(lang));
        return streamed(quads, StreamRDF::quad, stream, prefixes, out, lang);
    }

    private <T> Outcome streamed(Iterator<T> items, BiConsumer<StreamRDF, T> emit, StreamRDF stream,
                                 PrefixMapping prefixes, OutputStream out, Lang lang) throws IOException {
        stream.start();
        prefixes.getNsPrefixMap().forEach(stream::prefix);
        Outcome outcome = stopped(write(items, item -> emit.accept(stream, item), out));
        stream.finish();
        return outcome;
    }

    /**
     * A stopped answer is a timeout: a 503 when nothing has been sent yet, otherwise a connection
     * closed before the answer's end (see {@link ProblemResponse}), never a short answer that looks whole.
     */
    private static Outcome stopped(Outcome outcome) {
        if (outcome == Outcome.STOPPED) {
            throw new QueryCancelledException();
        }
        return outcome;
    }

    /** Hands items on until they run out, {@code max} is reached or {@code stop} says so; closes them. */
    private <T> Outcome write(Iterator<T> items, java.util.function.Consumer<T> sink, OutputStream flushAtStart)
            throws IOException {
        try {
            if (flushAtStart != null) {
                // The status line and headers leave now, before the first block is complete.
                flushAtStart.flush();
            }
            long n = 0;
            while (items.hasNext()) {
                if (stop.getAsBoolean()) {
                    return Outcome.STOPPED;
                }
                if (n++ == max) {
                    return Outcome.CAPPED;
                }
                sink.accept(items.next());
            }
            return Outcome.COMPLETE;
        } finally {
            Iter.close(items);
        }
    }
}
