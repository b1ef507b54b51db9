package io.cigraph.search;

import java.util.Set;

/**
 * What the relation documents say about one entity.
 *
 * @param count   relations it takes part in, either end: the ranking tie-breaker
 * @param sources ids of the sources that support those relations: a facet
 */
record RelationStats(int count, Set<String> sources) {

    static final RelationStats NONE = new RelationStats(0, Set.of());

    RelationStats {
        sources = Set.copyOf(sources);
    }
}
