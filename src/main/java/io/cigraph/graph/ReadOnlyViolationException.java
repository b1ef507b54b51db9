package io.cigraph.graph;

/**
 * A researcher's query that would change the graph or reach outside it. Public: the web feature
 * answers 403 with the reason.
 */
public class ReadOnlyViolationException extends RuntimeException {

    private final String queryType;

    ReadOnlyViolationException(String queryType, String message) {
        super(message);
        this.queryType = queryType;
    }

    /** What Neo4j's planner says the query does ({@code READ_WRITE}, {@code SCHEMA_WRITE}, ...). */
    public String queryType() {
        return queryType;
    }
}
