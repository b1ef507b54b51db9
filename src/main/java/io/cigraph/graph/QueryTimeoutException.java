package io.cigraph.graph;

import java.time.Duration;

/**
 * A query that ran past its timeout and was stopped. Public: the web feature answers 503, to be
 * retried later or with a lighter query.
 */
public class QueryTimeoutException extends RuntimeException {

    private final Duration timeout;

    QueryTimeoutException(Duration timeout, String message, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
