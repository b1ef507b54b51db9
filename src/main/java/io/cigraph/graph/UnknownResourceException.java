package io.cigraph.graph;

/**
 * No resource has this id. Public: the web feature answers 404, with the names nearest the id
 * when the id was looked for among the graph's resources.
 */
public class UnknownResourceException extends RuntimeException {

    private final String id;
    private final boolean resource;
    private final String type;

    /** No resource of any class has the id. */
    UnknownResourceException(String id) {
        this(id, true, null, "No resource has the id '" + id + "'. Ids are slugs of names, such as huawei or harmonyos-4;"
                + " GET /api/search?q= finds entities by name.");
    }

    /** Something that is not a resource of the graph (a saved question, say) has no such name. */
    UnknownResourceException(String id, String message) {
        this(id, false, null, message);
    }

    private UnknownResourceException(String id, boolean resource, String type, String message) {
        super(message);
        this.id = id;
        this.resource = resource;
        this.type = type;
    }

    /** No resource of the class {@code type} (or its subclasses) has the id. */
    static UnknownResourceException ofClass(String id, String type, String message) {
        return new UnknownResourceException(id, true, type, message);
    }

    public String id() {
        return id;
    }

    /** Whether the id was looked for among the graph's resources, and so may be a misspelt one. */
    public boolean resource() {
        return resource;
    }

    /** The class the resource was to be of, or {@code null} for any. */
    public String type() {
        return type;
    }
}
