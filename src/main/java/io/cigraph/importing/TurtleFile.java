package io.cigraph.importing;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
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
import org.apache.jena.riot.system.StreamRDFLib;
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

    static TurtleFile parse(String fileName, byte[] content, String baseIri) {
        Graph graph = GraphFactory.createGraphMem();
        Map<Triple, Long> lines = new HashMap<>();
        List<ImportProblem> errors = new ArrayList<>();
        ErrorHandler handler = new CollectingErrorHandler(fileName, errors);
        ParserProfileStd profile = new ParserProfileStd(RiotLib.factoryRDF(), handler,
                IRIxResolver.create().base(baseIri).build(), PrefixMapFactory.create(),
                RIOT.getContext().copy(), true, false) {
            @Override
            public Triple createTriple(Node s, Node p, Node o, long line, long col) {
                Triple t = super.createTriple(s, p, o, line, col);
                lines.putIfAbsent(t, line);
                return t;
            }
        };
        StreamRDF sink = StreamRDFLib.graph(graph);
        try {
            var tokenizer = TokenizerText.create().source(new ByteArrayInputStream(content)).errorHandler(handler).build();
            sink.start();
            new LangTurtle(tokenizer, profile, sink).parse();
            sink.finish();
        } catch (RiotException e) {
            if (errors.isEmpty()) {
                errors.add(new ImportProblem(fileName, null, null, null, "Turtle syntax error: " + e.getMessage()));
            }
        }
        return new TurtleFile(graph, lines, errors);
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
