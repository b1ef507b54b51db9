package io.cigraph.graph;

/**
 * A Cypher text that Neo4j cannot parse, or that is too long or too deeply nested to be given to
 * its parser, with the position in the caller's own text. Public: the web feature answers 400.
 */
public class CypherSyntaxException extends RuntimeException {

    private final int line;
    private final int column;
    private final String neo4jCode;

    CypherSyntaxException(String message, int line, int column, String neo4jCode) {
        super(message);
        this.line = line;
        this.column = column;
        this.neo4jCode = neo4jCode;
    }

    /** Line of the problem in the query as sent, from 1. */
    public int line() {
        return line;
    }

    /** Column of the problem in that line, from 1. */
    public int column() {
        return column;
    }

    /** Neo4j's status code when Neo4j found the problem; {@code null} when we refused the text before Neo4j saw it. */
    public String neo4jCode() {
        return neo4jCode;
    }
}
