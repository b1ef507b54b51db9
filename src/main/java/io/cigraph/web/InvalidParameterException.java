package io.cigraph.web;

/** A request parameter the web layer itself refuses: answered 400 with the parameter's name. */
class InvalidParameterException extends RuntimeException {

    private final String parameter;

    InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
