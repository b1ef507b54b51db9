package io.cigraph.search;

import java.util.List;
import java.util.Set;

/**
 * What the relation documents say about one entity.
 *
 * @param count    relations it takes part in, either end: the ranking tie-breaker
 * @param sources  ids of the sources that support those relations: a facet and a filter
 * @param passages distinct evidence quotes of those relations with their sources, at most
 *                 {@link #MAX_PASSAGES}: searched as part of the entity, so evidence ranks it
 *                 without a join at query time
 */
record RelationStats(int count, Set<String> sources, List<Passage> passages) {

    static final int MAX_PASSAGES = 200;
    static final RelationStats NONE = new RelationStats(0, Set.of(), List.of());

    RelationStats {
        sources = Set.copyOf(sources);
        passages = List.copyOf(passages);
    }

    /** An evidence quote and the source it is from ({@code null} if none). */
    record Passage(String evidence, String source) {
    }
}
