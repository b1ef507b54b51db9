package io.cigraph.graph;

/**
 * No read of the graph could start within the wait allowed: every one is in use. Public: the web
 * feature answers 503 with {@code Retry-After}.
 */
public class GraphBusyException extends RuntimeException {

    GraphBusyException(String message) {
        super(message);
    }
}
