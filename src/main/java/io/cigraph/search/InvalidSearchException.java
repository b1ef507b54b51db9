package io.cigraph.search;

/**
 * A search the index cannot run as asked: empty or over-long text, an unknown type, a syntax
 * error in advanced syntax. Public because the web feature answers it with a 400 problem detail.
 */
public class InvalidSearchException extends RuntimeException {

    private final String parameter;

    InvalidSearchException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The request parameter to fix. */
    public String parameter() {
        return parameter;
    }
}
