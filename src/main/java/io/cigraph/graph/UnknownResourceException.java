package io.cigraph.graph;

/** No resource has this id. Public: the web feature answers 404. */
public class UnknownResourceException extends RuntimeException {

    private final String id;

    UnknownResourceException(String id) {
        super("No resource has the id '" + id + "'. Ids are slugs of names, such as huawei or harmonyos-4; try GET /api/stats for what the graph holds.");
        this.id = id;
    }

    UnknownResourceException(String id, String message) {
        super(message);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
