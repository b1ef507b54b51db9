package io.cigraph.search;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Fragments of the matched text with the matched words in {@code <em>}: of names and
 * descriptions from the entity's document, and of the best evidence passage among its
 * relations. Offsets are in the postings, so nothing is re-analysed.
 */
final class Highlights {

    /** An evidence fragment and the source it is quoted from. */
    record Evidence(String fragment, String source) {
    }

    private static final Map<String, String> FIELDS = Map.of(Fields.NAME_WORDS, "name", Fields.DESCRIPTION, "description");

    /** Per response field name, one fragment per doc (null where nothing matched). */
    Map<String, String[]> entityFields(IndexSearcher searcher, Query query, int[] docs) throws IOException {
        Map<String, String[]> out = new LinkedHashMap<>();
        if (docs.length == 0) {
            return out;
        }
        String[] fields = {Fields.NAME_WORDS, Fields.DESCRIPTION};
        Map<String, String[]> found = highlighter(searcher).highlightFields(fields, query, docs, new int[] {1, 1});
        for (String f : fields) {
            out.put(FIELDS.get(f), found.get(f));
        }
        return out;
    }

    /** The best-matching evidence passage of the entity's relations, or {@code null}. */
    Evidence evidence(IndexSearcher searcher, Query passages, String id) throws IOException {
        Query ofEntity = new BooleanQuery.Builder()
                .add(passages, Occur.MUST)
                .add(new TermQuery(new Term(Fields.REL_ENTITY, id)), Occur.FILTER)
                .build();
        TopDocs top = searcher.search(ofEntity, 1);
        if (top.scoreDocs.length == 0) {
            return null;
        }
        int doc = top.scoreDocs[0].doc;
        String[] fragment = highlighter(searcher).highlight(Fields.PASSAGE, ofEntity, new TopDocs(top.totalHits, top.scoreDocs), 1);
        if (fragment[0] == null) {
            return null;
        }
        Document d = searcher.storedFields().document(doc);
        return new Evidence(fragment[0], d.get(Fields.SOURCE));
    }

    private final org.apache.lucene.analysis.Analyzer analyzer = Analyzers.perField();

    private UnifiedHighlighter highlighter(IndexSearcher searcher) {
        return UnifiedHighlighter.builder(searcher, analyzer)
                .withMaxNoHighlightPassages(0)
                .withFormatter(new DefaultPassageFormatter("<em>", "</em>", " … ", false))
                .withHighlightPhrasesStrictly(false)
                .withHandleMultiTermQuery(true)
                .withMaxLength(10_000)
                .build();
    }
}
