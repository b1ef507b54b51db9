package io.cigraph.search;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Fragments of the matched text with the matched words in {@code <em>}: of names, descriptions
 * and evidence passages. Offsets are in the postings, so nothing is re-analysed.
 */
final class Highlights {

    static final String EVIDENCE = "evidence";
    private static final String[] FIELDS = {Fields.NAME_WORDS, Fields.DESCRIPTION, Fields.EVIDENCE};
    private static final Map<String, String> NAMES = Map.of(Fields.NAME_WORDS, "name", Fields.DESCRIPTION, "description",
            Fields.EVIDENCE, EVIDENCE);
    private static final String OPEN = "<em>";
    private static final String CLOSE = "</em>";

    private final Analyzer analyzer = Analyzers.perField();

    /** Per response field name, one fragment per doc (null where nothing matched). */
    Map<String, String[]> fields(IndexSearcher searcher, Query query, int[] docs) throws IOException {
        Map<String, String[]> out = new LinkedHashMap<>();
        if (docs.length == 0) {
            return out;
        }
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withMaxNoHighlightPassages(0)
                .withFormatter(new DefaultPassageFormatter(OPEN, CLOSE, " … ", false))
                .withHighlightPhrasesStrictly(false)
                .withHandleMultiTermQuery(true)
                .withMaxLength(10_000)
                .build();
        Map<String, String[]> found = highlighter.highlightFields(FIELDS, query, docs, new int[] {1, 1, 1});
        for (String f : FIELDS) {
            out.put(NAMES.get(f), found.get(f));
        }
        return out;
    }

    /** The source of the evidence passage a fragment was cut from, or {@code null}. */
    static String sourceOf(Document entity, String fragment) {
        if (fragment == null) {
            return null;
        }
        String plain = fragment.replace(OPEN, "").replace(CLOSE, "").strip();
        String[] passages = entity.getValues(Fields.EVIDENCE);
        String[] sources = entity.getValues(Fields.EVIDENCE_SOURCE);
        for (int i = 0; i < passages.length && i < sources.length; i++) {
            if (passages[i].contains(plain) && !sources[i].isEmpty()) {
                return sources[i];
            }
        }
        return null;
    }
}
