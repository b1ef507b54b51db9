package io.cigraph.graph;

/**
 * One thing a write did or, in a dry run, would do. Public: the import and retraction reports
 * list them.
 *
 * @param action   {@code created}, {@code changed}, {@code unchanged} or {@code retracted}
 * @param resource the resource's id, or for a relation {@code "subject predicate object"}
 * @param field    the field that changed ({@code label}, {@code aliases}, a property name,
 *                 {@code provenance}), or {@code null} for the whole record
 * @param oldValue the value before, or {@code null}
 * @param newValue the value after, or {@code null}
 */
public record Change(String action, String resource, String field, Object oldValue, Object newValue) {

    /** The changes with their values as plain JSON values (dates as text, provenance as an object). */
    public static java.util.List<Change> plain(java.util.List<Change> changes) {
        return ChangeLog.plain(changes);
    }
}
