package io.cigraph.search;

import java.util.List;
import java.util.Map;

/**
 * One page of search hits with facet counts over all matches. Public because the web feature
 * returns it as JSON.
 *
 * @param total  every entity that matches (not only this page)
 * @param hits   this page, best first
 * @param facets per dimension ({@code type}, {@code source}), the number of matching entities per value
 */
public record SearchResult(long total, List<Hit> hits, Map<String, Map<String, Integer>> facets) {

    /**
     * One matching entity.
     *
     * @param id          entity id
     * @param label       preferred name
     * @param types       stated classes
     * @param relations   relations it takes part in (the ranking tie-breaker)
     * @param score       relevance score
     * @param highlights  per field ({@code name}, {@code description}, {@code evidence}) a fragment with
     *                    the matched words in {@code <em>}
     * @param evidenceSource the source of the highlighted evidence, or {@code null}
     * @param explanation the score breakdown when asked for, else {@code null}
     */
    public record Hit(String id, String label, List<String> types, int relations, float score,
                      Map<String, String> highlights, String evidenceSource, Explained explanation) {
    }

    /** A node of Lucene's score explanation. */
    public record Explained(float value, String description, List<Explained> details) {
    }
}
