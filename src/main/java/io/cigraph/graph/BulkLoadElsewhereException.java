package io.cigraph.graph;

/**
 * A bulk load through the driver could not start: another instance (a replica on the same graph)
 * holds the graph's bulk-load mark. The import waits for that load and decides again.
 */
public class BulkLoadElsewhereException extends RuntimeException {

    public BulkLoadElsewhereException(String message, Throwable cause) {
        super(message, cause);
    }
}
