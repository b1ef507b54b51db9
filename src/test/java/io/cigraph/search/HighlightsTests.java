package io.cigraph.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/** Fragments and a hit's stored fields read in one pass over each document. */
class HighlightsTests {

    private static final FieldType OFFSETS = new FieldType(TextField.TYPE_STORED);

    static {
        OFFSETS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        OFFSETS.freeze();
    }

    private static final Set<String> STORED = Set.of(Fields.ID, Fields.LABEL, Fields.RELATIONS, Fields.EVIDENCE,
            Fields.EVIDENCE_SOURCE);

    /** A hub: 300 evidence passages, far more text than the highlighter reads (10,000 characters). */
    private static Document hub() {
        Document d = new Document();
        d.add(new StringField(Fields.ID, "vendor-0", Field.Store.YES));
        d.add(new StoredField(Fields.LABEL, "Norvex"));
        d.add(new Field(Fields.NAME_WORDS, "Norvex", OFFSETS));
        for (int i = 0; i < 300; i++) {
            String word = i == 0 ? "launched" : i == 299 ? "discontinued" : "shipped";
            d.add(new Field(Fields.EVIDENCE, "Norvex " + word + " device " + i + " in the western markets this year.", OFFSETS));
            d.add(new StoredField(Fields.EVIDENCE_SOURCE, "report-" + i));
        }
        d.add(new StoredField(Fields.RELATIONS, 300));
        return d;
    }

    private static Document device() {
        Document d = new Document();
        d.add(new StringField(Fields.ID, "device-1", Field.Store.YES));
        d.add(new StoredField(Fields.LABEL, "Norvex K42"));
        d.add(new Field(Fields.NAME_WORDS, "Norvex K42", OFFSETS));
        d.add(new Field(Fields.DESCRIPTION, "A watch that Norvex launched.", OFFSETS));
        d.add(new StoredField(Fields.RELATIONS, 2));
        return d;
    }

    @Test
    void everyHitKeepsAllItsStoredFieldsInTheOrderAskedWhileItsTextIsHighlightedWithinTheHighlightersLimit()
            throws IOException {
        try (Directory dir = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(Analyzers.perField()))) {
            writer.addDocument(hub());
            writer.addDocument(device());
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                // Device first, as a ranking may put it: the documents follow the order asked, not doc ids.
                Highlights.Highlighted h = new Highlights().fields(searcher,
                        new TermQuery(new Term(Fields.EVIDENCE, "launch")), new int[] {1, 0}, STORED);

                assertThat(h.documents()).extracting(d -> d.get(Fields.ID)).containsExactly("device-1", "vendor-0");
                Document hub = h.documents()[1];
                assertThat(hub.get(Fields.LABEL)).isEqualTo("Norvex");
                assertThat(hub.getField(Fields.RELATIONS).numericValue().intValue()).isEqualTo(300);
                assertThat(hub.getValues(Fields.EVIDENCE)).hasSize(300);
                assertThat(hub.getValues(Fields.EVIDENCE_SOURCE)).hasSize(300).endsWith("report-299");
                assertThat(hub.getField(Fields.NAME_WORDS)).as("not asked for").isNull();

                String[] evidence = h.fragments().get(Highlights.EVIDENCE);
                assertThat(evidence[0]).isNull();
                assertThat(evidence[1]).contains("<em>launched</em>");
                assertThat(Highlights.sourceOf(hub, evidence[1])).isEqualTo("report-0");

                // The last passage lies beyond the text the highlighter reads, but not beyond the stored fields.
                Highlights.Highlighted late = new Highlights().fields(searcher,
                        new TermQuery(new Term(Fields.EVIDENCE, "discontinu")), new int[] {0}, STORED);
                assertThat(late.fragments().get(Highlights.EVIDENCE)[0]).isNull();
                assertThat(List.of(late.documents()[0].getValues(Fields.EVIDENCE)).getLast()).contains("discontinued");
            }
        }
    }

    @Test
    void noDocumentsGiveNoFragmentsAndNoDocuments() throws IOException {
        try (Directory dir = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(Analyzers.perField()))) {
            writer.addDocument(device());
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                Highlights.Highlighted h = new Highlights().fields(new IndexSearcher(reader),
                        new TermQuery(new Term(Fields.DESCRIPTION, "watch")), new int[0], STORED);
                assertThat(h.fragments()).isEmpty();
                assertThat(h.documents()).isEmpty();
            }
        }
    }
}
