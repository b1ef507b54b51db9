package io.cigraph.search;

import io.cigraph.model.RelationRecord;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Takes the source set over rather than copying it: every caller hands in a set it built for
     * this and drops, and a hub's holds tens of thousands of ids, copied once per import it is
     * touched by.
     */
    RelationStats {
        sources = Collections.unmodifiableSet(sources);
        passages = List.copyOf(passages);
    }

    /**
     * These stats with more relations that name the entity, none of them counted yet: what a
     * recount would give, except that once {@link #MAX_PASSAGES} quotes are held, the quotes kept
     * are the earlier ones rather than whichever a recount happens to read first.
     */
    RelationStats plus(Collection<RelationRecord> added) {
        if (added.isEmpty()) {
            return this;
        }
        Set<String> allSources = new HashSet<>(sources);
        Map<String, String> quotes = new LinkedHashMap<>();
        passages.forEach(p -> quotes.put(p.evidence(), p.source()));
        for (RelationRecord r : added) {
            String source = r.provenance().source();
            if (source != null) {
                allSources.add(source);
            }
            String evidence = r.provenance().evidence();
            if (evidence != null && quotes.size() < MAX_PASSAGES) {
                quotes.putIfAbsent(evidence, source);
            }
        }
        return new RelationStats(count + added.size(), allSources, byText(quotes));
    }

    /** Passages in text order, so that the same quotes give the same document however they were read. */
    static List<Passage> byText(Map<String, String> quotes) {
        return quotes.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> new Passage(e.getKey(), e.getValue())).toList();
    }

    /** An evidence quote and the source it is from ({@code null} if none). */
    record Passage(String evidence, String source) {
    }
}
