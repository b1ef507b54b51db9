package io.cigraph.graph;

/** A question the graph cannot answer as asked (bad parameter). Public: the web feature answers 400. */
public class InvalidQueryException extends RuntimeException {

    private final String parameter;

    InvalidQueryException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
