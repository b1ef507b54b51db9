package io.cigraph.importing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
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
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.lang.LangTurtle;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.ParserProfileStd;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.riot.system.RiotLib;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.tokens.TokenizerText;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * A parsed Turtle file that remembers the line of every triple, so that problems found later
 * (by shapes, or against the graph) can point at the line to fix. Jena's parser reports lines
 * to its parser profile, which is where they are caught.
 */
final class TurtleFile {

    private final Graph graph;
    private final Map<Triple, Long> lines;
    private final List<ImportProblem> syntaxErrors;

    private TurtleFile(Graph graph, Map<Triple, Long> lines, List<ImportProblem> syntaxErrors) {
        this.graph = graph;
        this.lines = lines;
        this.syntaxErrors = syntaxErrors;
    }

    /** A chunk made by another reader (a spreadsheet's rows), with its problems as syntax errors. */
    static TurtleFile of(Graph graph, Map<Triple, Long> lines, List<ImportProblem> problems) {
        return new TurtleFile(graph, lines, List.copyOf(problems));
    }

    /** Parses a whole file into one graph; for files known to be small (tests, fixtures). */
    static TurtleFile parse(String fileName, byte[] content, String baseIri) {
        List<TurtleFile> chunks = new ArrayList<>();
        List<ImportProblem> errors = parseChunks(fileName, new ByteArrayInputStream(content), baseIri, Integer.MAX_VALUE, chunks::add);
        Graph graph = chunks.isEmpty() ? GraphFactory.createGraphMem() : chunks.getFirst().graph;
        Map<Triple, Long> lines = chunks.isEmpty() ? Map.of() : chunks.getFirst().lines;
        return new TurtleFile(graph, lines, errors);
    }

    /**
     * Parses a file as it streams in, handing over a chunk each time {@code subjects} resources
     * have been read and the next one begins, so that no more than a chunk is ever held. A chunk
     * ends only where a new named subject starts: a resource's block, with the annotations of
     * its relations, stays in one chunk. Returns the syntax errors; chunks before the first fatal
     * one have been handed over.
     */
    static List<ImportProblem> parseChunks(String fileName, InputStream in, String baseIri, int subjects,
                                           Consumer<TurtleFile> chunk) {
        List<ImportProblem> errors = new ArrayList<>();
        LineSink sink = new LineSink() {
            private Graph graph = GraphFactory.createGraphMem();
            private Map<Triple, Long> lines = new HashMap<>();
            private Node subject;
            private int count;

            @Override
            public void triple(Triple t, long line) {
                if (t.getSubject().isURI() && !t.getSubject().equals(subject)) {
                    subject = t.getSubject();
                    if (++count > subjects) {
                        finish();
                        count = 1;
                    }
                }
                graph.add(t);
                lines.putIfAbsent(t, line);
            }

            @Override
            public void finish() {
                if (!graph.isEmpty()) {
                    chunk.accept(new TurtleFile(graph, lines, List.of()));
                }
                graph = GraphFactory.createGraphMem();
                lines = new HashMap<>();
            }
        };
        parse(fileName, in, baseIri, sink, errors);
        return errors;
    }

    /**
     * Runs Jena's Turtle parser, giving the sink each triple with its line. The bytes must be
     * UTF-8, as Turtle is by definition: others stop the parse with their line rather than being
     * replaced (see {@link StrictReader}).
     */
    static void parse(String fileName, InputStream in, String baseIri, LineSink sink, List<ImportProblem> errors) {
        ParserProfileStd profile = new Profile(new CollectingErrorHandler(fileName, errors), baseIri, sink);
        try {
            // The tokenizer closes its input at the end; the caller still reads the rest for the file's hash.
            InputStream unclosed = new java.io.FilterInputStream(in) {
                @Override
                public void close() {
                }
            };
            var tokenizer = TokenizerText.create().source(new StrictReader(unclosed, StandardCharsets.UTF_8))
                    .errorHandler(profile.getErrorHandler()).build();
            sink.start();
            new LangTurtle(new NestingBound(tokenizer), profile, sink).parse();
            sink.finish();
        } catch (RiotException e) {
            if (errors.isEmpty()) {
                errors.add(new ImportProblem(fileName, null, null, null, "Turtle syntax error: " + e.getMessage()));
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
            if (!refused.isEmpty()) {
                report(s, null, p, line);
                report(o, s, p, line);
            }
            return super.createTriple(s, p, o, line, col);
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

    /** A parse sink that is told the line of each triple. */
    abstract static class LineSink implements StreamRDF {

        private long line;

        abstract void triple(Triple t, long line);

        @Override
        public final void triple(Triple triple) {
            triple(triple, line);
        }

        @Override
        public void start() {
        }

        @Override
        public void quad(org.apache.jena.sparql.core.Quad quad) {
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

    List<ImportProblem> syntaxErrors() {
        return syntaxErrors;
    }

    /** Collects errors with their positions; Jena still stops at the first fatal one. */
    private record CollectingErrorHandler(String file, List<ImportProblem> errors) implements ErrorHandler {

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
            return new ImportProblem(file, line > 0 ? line : null, null, null, "Turtle syntax error" + where + ": " + message);
        }
    }
}
