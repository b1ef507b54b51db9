package io.cigraph.bench;

import io.cigraph.search.EntitySearch;
import io.cigraph.search.SearchRequest;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Search and suggest latency through the service's own search API, on names drawn from the
 * generated devices ("Norvex K42 1234"): the first word as typed, with a typo, cut short, and
 * the name's first letters for autocomplete.
 */
final class SearchLatencies {

    static final int WARMUP = 300;
    static final int RUNS = 2_000;

    private final EntitySearch search;
    private final List<String> labels;

    SearchLatencies(EntitySearch search, List<String> labels) {
        this.search = search;
        this.labels = labels;
    }

    Latency term() {
        return searching(SearchLatencies::firstWord);
    }

    /** Two letters in the middle swapped: one edit for Lucene's Damerau-Levenshtein automaton. */
    Latency fuzzy() {
        return searching(label -> {
            char[] c = firstWord(label).toCharArray();
            int i = c.length / 2 - 1;
            char t = c[i];
            c[i] = c[i + 1];
            c[i + 1] = t;
            return new String(c);
        });
    }

    Latency prefix() {
        return searching(label -> {
            String w = firstWord(label);
            return w.substring(0, Math.max(3, w.length() - 2));
        });
    }

    Latency suggest() {
        return Latency.of(WARMUP, RUNS, i -> search.suggest(typed(labels, i), 10, null));
    }

    /** What run {@code i} types for autocomplete: 3 to 6 letters of a label. */
    static String typed(List<String> labels, int i) {
        String label = labels.get(i % labels.size()).toLowerCase(Locale.ROOT);
        return label.substring(0, Math.min(label.length(), 3 + i % 4));
    }

    private Latency searching(Function<String, String> text) {
        List<String> texts = labels.stream().map(text).toList();
        return Latency.of(WARMUP, RUNS, i -> search.search(SearchRequest.of(texts.get(i % texts.size()))));
    }

    static String firstWord(String label) {
        return label.substring(0, label.indexOf(' '));
    }
}
