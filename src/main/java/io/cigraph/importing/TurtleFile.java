package io.cigraph.importing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIxResolver;
import org.apache.jena.riot.RIOT;
import org.apache.jena.riot.RDFParserRegistry;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.lang.LangNQuads;
import org.apache.jena.riot.lang.LangNTriples;
import org.apache.jena.riot.lang.LangRIOT;
import org.apache.jena.riot.lang.LangTriG;
import org.apache.jena.riot.lang.LangTurtle;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.ParserProfileStd;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.riot.system.RiotLib;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.tokens.Tokenizer;
import org.apache.jena.riot.tokens.TokenizerText;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * A parsed data file (Turtle, or any syntax of {@link ImportFormat}: the name is Turtle's, which
 * came first) that remembers the line of every triple, so that problems found later (by shapes,
 * or against the graph) can point at the line to fix, and the named graph each triple came in,
 * which is its source (see {@link ProvenanceForms}). Jena's parser reports lines to its parser
 * profile, which is where they are caught.
 */
final class TurtleFile {

    private final Graph graph;
    private final Map<Triple, Long> lines;
    private final Map<Triple, Node> graphs;
    private final List<ImportProblem> syntaxErrors;

    private TurtleFile(Graph graph, Map<Triple, Long> lines, Map<Triple, Node> graphs, List<ImportProblem> syntaxErrors) {
        this.graph = graph;
        this.lines = lines;
        this.graphs = graphs;
        this.syntaxErrors = syntaxErrors;
    }

    /** A chunk made by another reader (a spreadsheet's rows), with its problems as syntax errors. */
    static TurtleFile of(Graph graph, Map<Triple, Long> lines, List<ImportProblem> problems) {
        return new TurtleFile(graph, lines, Map.of(), List.copyOf(problems));
    }

    /** Parses a whole Turtle file into one graph; for files known to be small (tests, fixtures). */
    static TurtleFile parse(String fileName, byte[] content, String baseIri) {
        return parse(fileName, ImportFormat.TURTLE, content, baseIri);
    }

    /** Parses a whole file into one graph; for files known to be small (tests, fixtures). */
    static TurtleFile parse(String fileName, ImportFormat format, byte[] content, String baseIri) {
        List<TurtleFile> chunks = new ArrayList<>();
        List<ImportProblem> errors = parseChunks(fileName, format, new ByteArrayInputStream(content), baseIri,
                Integer.MAX_VALUE, chunks::add);
        if (chunks.isEmpty()) {
            return new TurtleFile(GraphFactory.createGraphMem(), Map.of(), Map.of(), errors);
        }
        TurtleFile only = chunks.getFirst();
        return new TurtleFile(only.graph, only.lines, only.graphs, errors);
    }

    /**
     * Parses a file as it streams in, handing over a chunk each time {@code subjects} resources
     * have been read and the next one begins, so that no more than a chunk is ever held. A chunk
     * ends only where a new named subject starts: a resource's block, with the annotations of
     * its relations, stays in one chunk. Returns the syntax errors; chunks before the first fatal
     * one have been handed over.
     */
    static List<ImportProblem> parseChunks(String fileName, ImportFormat format, InputStream in, String baseIri,
                                           int subjects, Consumer<TurtleFile> chunk) {
        List<ImportProblem> errors = new ArrayList<>();
        LineSink sink = new LineSink() {
            private Graph graph = GraphFactory.createGraphMem();
            private Map<Triple, Long> lines = new HashMap<>();
            private Map<Triple, Node> graphs = new HashMap<>();
            private final ChunkCut cut = new ChunkCut(subjects);

            @Override
            public void triple(Triple t, long line) {
                if (cut.startsNewChunk(t)) {
                    finish();
                }
                graph.add(t);
                lines.putIfAbsent(t, line);
            }

            @Override
            void triple(Triple t, Node graphName, long line) {
                triple(t, line);
                graphs.putIfAbsent(t, graphName);
            }

            @Override
            public void finish() {
                if (!graph.isEmpty()) {
                    chunk.accept(new TurtleFile(graph, lines, graphs, List.of()));
                }
                graph = GraphFactory.createGraphMem();
                lines = new HashMap<>();
                graphs = new HashMap<>();
            }
        };
        parse(fileName, format, in, baseIri, sink, errors);
        return errors;
    }

    /**
     * Where the second pass cuts a file into chunks: before a triple whose subject is a named
     * resource other than the one before, once {@code subjects} of them have begun. A resource's
     * block, with the annotations of its relations, stays in one chunk. The first pass counts
     * records with the same cuts, so that its count is the second pass's.
     */
    static final class ChunkCut {

        private final int subjects;
        private Node subject;
        private int count;

        ChunkCut(int subjects) {
            this.subjects = subjects;
        }

        boolean startsNewChunk(Triple t) {
            if (t.getSubject().isURI() && !t.getSubject().equals(subject)) {
                subject = t.getSubject();
                if (++count > subjects) {
                    count = 1;
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Runs Jena's parser for the format, giving the sink each triple with its line (where the
     * syntax has lines Jena reports: not JSON-LD) and the named graph it is in, if any. The bytes
     * must be UTF-8, as these syntaxes are by definition: others stop the parse with their line
     * rather than being replaced (see {@link StrictReader}). Nesting is bounded for every syntax
     * (see {@link NestingBound}), since each parser descends recursively.
     */
    static void parse(String fileName, ImportFormat format, InputStream in, String baseIri, LineSink sink,
                      List<ImportProblem> errors) {
        ParserProfileStd profile = new Profile(new CollectingErrorHandler(fileName, format, errors), baseIri, sink);
        try {
            // The parsers close their input at the end; the caller still reads the rest for the file's hash.
            InputStream unclosed = new java.io.FilterInputStream(in) {
                @Override
                public void close() {
                }
            };
            Reader text = new StrictReader(unclosed, StandardCharsets.UTF_8);
            sink.start();
            switch (format) {
                case TURTLE, TRIG, N_TRIPLES, N_QUADS -> {
                    Tokenizer tokens = new NestingBound(TokenizerText.create().source(text)
                            .errorHandler(profile.getErrorHandler()).build());
                    LangRIOT parser = switch (format) {
                        case TRIG -> new LangTriG(tokens, profile, sink);
                        case N_TRIPLES -> new LangNTriples(tokens, profile, sink);
                        case N_QUADS -> new LangNQuads(tokens, profile, sink);
                        default -> new LangTurtle(tokens, profile, sink);
                    };
                    parser.parse();
                }
                case JSON_LD -> RDFParserRegistry.getFactory(format.lang()).create(format.lang(), profile)
                        .read(NestingBound.json(text), baseIri, null, sink, RIOT.getContext().copy());
                case RDF_XML -> RDFParserRegistry.getFactory(format.lang()).create(format.lang(), profile)
                        .read(NestingBound.xml(text), baseIri, null, sink, RIOT.getContext().copy());
            }
            sink.finish();
        } catch (RiotException e) {
            // The JSON-LD parser reports what the reader under it throws as its own error, and
            // wraps it: the cause says where, so it replaces that report.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                String message = cause.getMessage();
                if (cause instanceof StrictReader.InvalidBytesException || cause instanceof NestingBound.TooDeepException) {
                    errors.removeIf(p -> p.line() == null && p.message().contains(message));
                }
                if (cause instanceof StrictReader.InvalidBytesException invalid) {
                    errors.add(new ImportProblem(fileName, invalid.line(), null, null, invalid.getMessage()));
                    return;
                }
                if (cause instanceof NestingBound.TooDeepException deep) {
                    errors.add(new ImportProblem(fileName, deep.line(), null, null, deep.getMessage()));
                    return;
                }
            }
            if (errors.isEmpty()) {
                errors.add(new ImportProblem(fileName, null, null, null, format.label() + " syntax error: " + e.getMessage()));
            }
        } catch (StrictReader.InvalidBytesException e) {
            errors.add(new ImportProblem(fileName, e.line(), null, null, e.getMessage()));
        } catch (NestingBound.TooDeepException e) {
            errors.add(new ImportProblem(fileName, e.line(), null, null, e.getMessage()));
        }
    }

    /**
     * Jena's standard profile, which tells the sink each triple's line and remembers the IRIs it
     * has resolved. Resolving and checking an IRI parses it, and a data file names the same
     * predicates and resources over and over: this was a tenth of reading one. Only IRIs that
     * resolved without an error are remembered, so each bad one is still reported where it occurs.
     */
    private static final class Profile extends ParserProfileStd {

        private static final int REMEMBERED = 20_000;

        private final CollectingErrorHandler handler;
        private final LineSink sink;
        private final String resourceBase;
        private final Map<String, Node> resolved = new HashMap<>();
        /** Resource IRIs refused since the last triple, as written, with why: reported with the triple's field. */
        private final Map<Node, String> refused = new HashMap<>();

        Profile(CollectingErrorHandler handler, String baseIri, LineSink sink) {
            super(RiotLib.factoryRDF(), handler, IRIxResolver.create().base(baseIri).build(), PrefixMapFactory.create(),
                    RIOT.getContext().copy(), true, false);
            this.handler = handler;
            this.sink = sink;
            this.resourceBase = baseIri;
        }

        @Override
        public Triple createTriple(Node s, Node p, Node o, long line, long col) {
            // The parser creates each triple right before it sends it on: the sink takes its line from here.
            sink.line = line;
            reportRefused(s, p, o, line);
            return super.createTriple(s, p, o, line, col);
        }

        @Override
        public Quad createQuad(Node g, Node s, Node p, Node o, long line, long col) {
            sink.line = line;
            reportRefused(s, p, o, line);
            return super.createQuad(g, s, p, o, line, col);
        }

        private void reportRefused(Node s, Node p, Node o, long line) {
            if (!refused.isEmpty()) {
                report(s, null, p, line);
                report(o, s, p, line);
            }
        }

        /*
         * The N-Triples and RDF/XML parsers make their triples themselves, not through the profile,
         * but make every term through it with its position: the last term made before a triple is
         * sent is its object, on the triple's line (RDF/XML: the line of the property element).
         */
        @Override
        public Node createBlankNode(Node scope, String label, long line, long col) {
            at(line);
            return super.createBlankNode(scope, label, line, col);
        }

        @Override
        public Node createBlankNode(Node scope, long line, long col) {
            at(line);
            return super.createBlankNode(scope, line, col);
        }

        @Override
        public Node createStringLiteral(String lexical, long line, long col) {
            at(line);
            return super.createStringLiteral(lexical, line, col);
        }

        @Override
        public Node createLangLiteral(String lexical, String langTag, long line, long col) {
            at(line);
            return super.createLangLiteral(lexical, langTag, line, col);
        }

        @Override
        public Node createTypedLiteral(String lexical, org.apache.jena.datatypes.RDFDatatype datatype, long line, long col) {
            at(line);
            return super.createTypedLiteral(lexical, datatype, line, col);
        }

        private void at(long line) {
            if (line > 0) {
                sink.line = line;
            }
        }

        private void report(Node node, Node subject, Node predicate, long line) {
            String why = refused.remove(node);
            if (why == null) {
                return;
            }
            String record = subject == null ? node.getURI()
                    : subject.isURI() ? ResourceIris.idOf(subject.getURI(), resourceBase) : null;
            String field = subject == null ? "id" : ResourceIris.fieldOf(predicate);
            handler.errors().add(new ImportProblem(handler.file(), line, record, field, why));
        }

        @Override
        public Node createURI(String iri, long line, long col) {
            at(line);
            Node known = resolved.get(iri);
            if (known != null) {
                return known;
            }
            int errorsBefore = handler.errors().size();
            Node node = super.createURI(iri, line, col);
            String why = node.isURI() ? ResourceIris.problem(iri, node.getURI(), resourceBase) : null;
            if (why != null) {
                // Kept as written, so that it cannot stand for the resource it would resolve to.
                Node asWritten = NodeFactory.createURI(iri);
                refused.put(asWritten, why);
                return asWritten;
            }
            if (handler.errors().size() == errorsBefore) {
                if (resolved.size() >= REMEMBERED) {
                    resolved.clear();
                }
                resolved.put(iri, node);
            }
            return node;
        }

        @Override
        public void setBaseIRI(String base) {
            // Relative IRIs resolve differently from here on.
            resolved.clear();
            super.setBaseIRI(base);
        }
    }

    /**
     * A parse sink that is told the line of each triple, and the named graph of each triple that
     * is in one (a quad of TriG, N-Quads or JSON-LD); the default graph's are triples.
     */
    abstract static class LineSink implements StreamRDF {

        /** The RDF store's graph names (see the rdf feature's RdfGraphs), which an export of ours carries. */
        private static final String STORE_GRAPHS = "https://w3id.org/cigraph/graph/";
        private static final Node STORE_DATA = org.apache.jena.graph.NodeFactory.createURI(STORE_GRAPHS + "data");

        private long line;

        abstract void triple(Triple t, long line);

        /** A triple in a named graph; by default, a triple like the others. */
        void triple(Triple t, Node graphName, long line) {
            triple(t, line);
        }

        @Override
        public final void triple(Triple triple) {
            triple(triple, line);
        }

        @Override
        public void start() {
        }

        @Override
        public final void quad(Quad quad) {
            Node g = quad.getGraph();
            if (quad.isDefaultGraph() || g.equals(STORE_DATA)) {
                // The RDF store's data graph, as a TriG or N-Quads export of this service writes it: plain data.
                triple(quad.asTriple(), line);
            } else if (!g.isURI() || !g.getURI().startsWith(STORE_GRAPHS)) {
                triple(quad.asTriple(), g, line);
            }
            // The store's other graphs (inferred, ontology, ledger) are derived by the service, never imported.
        }

        @Override
        public void base(String base) {
        }

        @Override
        public void prefix(String prefix, String iri) {
        }

        @Override
        public void version(String version) {
        }

        @Override
        public void finish() {
        }
    }

    Graph graph() {
        return graph;
    }

    /** Line of a triple in the file, or {@code null} when not known. */
    Long lineOf(Triple t) {
        return lines.get(t);
    }

    /** Notes the line of a triple made from others (a reified statement's, say). */
    void lineOf(Triple t, long line) {
        if (line > 0) {
            lines.putIfAbsent(t, line);
        }
    }

    /** The named graph a triple was stated in, or {@code null} for the default graph. */
    Node graphOf(Triple t) {
        return graphs.get(t);
    }

    /** Every triple stated in a named graph, with that graph. */
    Map<Triple, Node> graphs() {
        return graphs;
    }

    List<ImportProblem> syntaxErrors() {
        return syntaxErrors;
    }

    /** Collects errors with their positions; Jena still stops at the first fatal one. */
    private record CollectingErrorHandler(String file, ImportFormat format, List<ImportProblem> errors) implements ErrorHandler {

        @Override
        public void warning(String message, long line, long col) {
            // Jena warns about IRIs it finds unusual; records are checked by the shapes instead.
        }

        @Override
        public void error(String message, long line, long col) {
            errors.add(problem(message, line, col));
        }

        @Override
        public void fatal(String message, long line, long col) {
            errors.add(problem(message, line, col));
            throw new RiotException(message);
        }

        private ImportProblem problem(String message, long line, long col) {
            String where = col > 0 ? " (column " + col + ")" : "";
            return new ImportProblem(file, line > 0 ? line : null, null, null, format.label() + " syntax error" + where + ": " + message);
        }
    }
}
