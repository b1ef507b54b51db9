package io.cigraph.importing;

import java.util.List;

/**
 * An incoming resource that is likely one already known: its id is new, but a name of it has
 * the same key as a name of that one ({@code reason: "name"}), or the file says so with
 * {@code owl:sameAs} ({@code reason: "owl:sameAs"}). Public: part of the import report.
 *
 * @param id          the incoming id
 * @param line        where the file describes it, or {@code null}
 * @param duplicateOf the id it matches: an entity of the graph ({@code inGraph}), or one described
 *                    earlier in the same import
 * @param inGraph     whether {@code duplicateOf} was in the graph before this import
 * @param reason      {@code name} or {@code owl:sameAs}
 * @param names       the names that match, each with the other's name and their shared key
 * @param merged      whether the import wrote {@code id} onto {@code duplicateOf} (with
 *                    {@code resolve=merge}, or for {@code owl:sameAs})
 * @param conflicts   fields for which the merged entity kept its own value and not the incoming
 *                    one, which differed ({@code description}, a property): state it on that
 *                    entity to change it
 */
public record LikelyDuplicate(String id, Long line, String duplicateOf, boolean inGraph, String reason,
                              List<NameMatch> names, boolean merged, List<String> conflicts) {

    public LikelyDuplicate {
        names = List.copyOf(names);
        conflicts = List.copyOf(conflicts);
    }

    /** An incoming name, the known name it matches, and the key they share. */
    public record NameMatch(String name, String matches, String key) {
    }
}
