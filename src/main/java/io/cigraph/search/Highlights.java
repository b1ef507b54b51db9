package io.cigraph.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
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

    /**
     * Fragments by response field name, one per doc ({@code null} where nothing matched), and the
     * docs' stored fields named in {@code stored}, read in the same pass as the highlighted text.
     */
    record Highlighted(Map<String, String[]> fragments, Document[] documents) {
    }

    Highlighted fields(IndexSearcher searcher, Query query, int[] docs, Set<String> stored) throws IOException {
        Map<String, String[]> out = new LinkedHashMap<>();
        if (docs.length == 0) {
            return new Highlighted(out, new Document[0]);
        }
        Map<Integer, Document> read = new HashMap<>();
        UnifiedHighlighter highlighter = new StoringHighlighter(UnifiedHighlighter.builder(searcher, analyzer)
                .withMaxNoHighlightPassages(0)
                .withScorer(new PassageScores())
                .withFormatter(new DefaultPassageFormatter(OPEN, CLOSE, " … ", false))
                .withHighlightPhrasesStrictly(false)
                .withHandleMultiTermQuery(true)
                .withMaxLength(10_000), stored, read);
        Map<String, String[]> found = highlighter.highlightFields(FIELDS, query, docs, new int[] {1, 1, 1});
        for (String f : FIELDS) {
            out.put(NAMES.get(f), found.get(f));
        }
        return new Highlighted(out, Arrays.stream(docs).mapToObj(read::get).toArray(Document[]::new));
    }

    /**
     * A highlighter that keeps more of each document than the text it highlights. A hit shows its
     * stored fields as well as fragments, and reading a document's stored fields decompresses its
     * block whatever fields are asked for (a hub's block holds two hundred evidence passages), so
     * both come from one read rather than two.
     */
    private static final class StoringHighlighter extends UnifiedHighlighter {

        private final Set<String> stored;
        private final Map<Integer, Document> read;

        StoringHighlighter(Builder builder, Set<String> stored, Map<Integer, Document> read) {
            super(builder);
            this.stored = stored;
            this.read = read;
        }

        /** Lucene's own loop, with a visitor that also keeps the stored fields asked for. */
        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold)
                throws IOException {
            List<CharSequence[]> values = new ArrayList<>();
            Visitor visitor = new Visitor(fields, MULTIVAL_SEP_CHAR, getMaxLength(), stored);
            StoredFields storedFields = searcher.storedFields();
            int chars = 0;
            do {
                int doc = docs.nextDoc();
                if (doc == DocIdSetIterator.NO_MORE_DOCS) {
                    break;
                }
                Document document = new Document();
                visitor.start(document);
                storedFields.document(doc, visitor);
                read.put(doc, document);
                values.add(visitor.values());
                for (CharSequence v : visitor.values()) {
                    chars += v == null ? 0 : v.length();
                }
            } while (chars <= cacheCharsThreshold && cacheCharsThreshold != 0);
            return values;
        }

        /** Lucene's visitor of the highlighted text, which also adds the stored fields asked for to a document. */
        private static final class Visitor extends LimitedStoredFieldVisitor {

            private final Set<String> stored;
            private Document document;
            private boolean highlighted;
            private boolean kept;

            Visitor(String[] fields, char separator, int maxLength, Set<String> stored) {
                super(fields, separator, maxLength);
                this.stored = stored;
            }

            void start(Document next) {
                values = new CharSequence[fields.length];
                currentField = -1;
                document = next;
            }

            CharSequence[] values() {
                return values;
            }

            @Override
            public Status needsField(FieldInfo field) throws IOException {
                highlighted = super.needsField(field) == Status.YES;
                kept = stored.contains(field.name);
                return highlighted || kept ? Status.YES : Status.NO;
            }

            @Override
            public void stringField(FieldInfo field, String value) throws IOException {
                if (kept) {
                    document.add(new StoredField(field.name, value));
                }
                if (highlighted) {
                    super.stringField(field, value);
                }
            }

            @Override
            public void intField(FieldInfo field, int value) {
                if (kept) {
                    document.add(new StoredField(field.name, value));
                }
            }

            @Override
            public void longField(FieldInfo field, long value) {
                if (kept) {
                    document.add(new StoredField(field.name, value));
                }
            }
        }
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
