package io.cigraph.search;

import io.cigraph.model.ImportBatch;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * One batch's changes to the index. Documents are built when the batch is staged and written
 * only when it is committed. Relation documents are the truth about relations; an entity's
 * document is derived from its record plus the relation documents that name it, so entities of
 * earlier batches that gain relations in this one are rewritten from their stored fields with
 * fresh counts and sources. Writing the same batch twice gives the same documents (update by key).
 */
final class IndexUpdate {

    private final Documents documents;
    private final Map<String, Entity> entities = new LinkedHashMap<>();
    private final Map<String, Document> relations = new LinkedHashMap<>();
    private final Set<String> touched = new LinkedHashSet<>();

    IndexUpdate(Documents documents, ImportBatch batch) {
        this.documents = documents;
        for (ResourceRecord r : batch.resources()) {
            entities.put(r.id(), Entity.of(r));
        }
        for (RelationRecord r : batch.relations()) {
            relations.put(Documents.relationKey(r), Documents.relation(r));
            touched.add(r.subject());
            touched.add(r.object());
        }
        touched.addAll(entities.keySet());
    }

    /**
     * Writes the batch to the writer, uncommitted. Documents are analysed on all cores: the
     * writer is thread-safe and analysis is most of the cost.
     */
    void apply(IndexWriter writer) throws IOException {
        relations.entrySet().parallelStream()
                .forEach(e -> update(writer, new Term(Fields.KEY, e.getKey()), e.getValue()));
        // A near-real-time reader sees the relations just written, not yet committed.
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            Map<String, Accumulated> found = read(reader);
            touched.parallelStream().forEach(id -> {
                Accumulated a = found.get(id);
                Entity entity = entities.containsKey(id) ? entities.get(id) : a == null ? null : a.stored;
                // An entity named by a relation but not indexed yet is skipped: a later chunk of a rebuild brings it.
                if (entity != null) {
                    update(writer, new Term(Fields.KEY, Documents.entityKey(id)),
                            documents.entity(entity, a == null ? RelationStats.NONE : a.stats()));
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void update(IndexWriter writer, Term key, Document d) {
        try {
            writer.updateDocument(key, d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relation documents and stored entities of the touched ids, per id; one pass per segment. */
    private Map<String, Accumulated> read(DirectoryReader reader) throws IOException {
        Map<String, Accumulated> found = new HashMap<>();
        List<String> ids = touched.stream().sorted().toList();
        for (LeafReaderContext leaf : reader.leaves()) {
            Bits live = leaf.reader().getLiveDocs();
            StoredFields stored = leaf.reader().storedFields();
            Terms relationTerms = leaf.reader().terms(Fields.REL_ENTITY);
            Terms keyTerms = leaf.reader().terms(Fields.KEY);
            TermsEnum relationEnum = relationTerms == null ? null : relationTerms.iterator();
            TermsEnum keyEnum = keyTerms == null ? null : keyTerms.iterator();
            PostingsEnum postings = null;
            for (String id : ids) {
                if (relationEnum != null && relationEnum.seekExact(new BytesRef(id))) {
                    postings = relationEnum.postings(postings, PostingsEnum.NONE);
                    // Doc values iterate forward only: fresh ones per id, since ids visit docs out of order.
                    SortedDocValues sources = leaf.reader().getSortedDocValues(Fields.SOURCE);
                    BinaryDocValues passages = leaf.reader().getBinaryDocValues(Fields.PASSAGE);
                    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        if (live == null || live.get(doc)) {
                            String source = sources != null && sources.advanceExact(doc)
                                    ? sources.lookupOrd(sources.ordValue()).utf8ToString() : null;
                            String evidence = passages != null && passages.advanceExact(doc)
                                    ? passages.binaryValue().utf8ToString() : null;
                            found.computeIfAbsent(id, k -> new Accumulated()).add(source, evidence);
                        }
                    }
                }
                if (keyEnum != null && !entities.containsKey(id) && keyEnum.seekExact(new BytesRef(Documents.entityKey(id)))) {
                    postings = keyEnum.postings(postings, PostingsEnum.NONE);
                    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        if (live == null || live.get(doc)) {
                            found.computeIfAbsent(id, k -> new Accumulated()).stored = Entity.of(stored.document(doc));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** One entity's relations as read so far, and its stored record when it is not in the batch. */
    private static final class Accumulated {
        private int count;
        private final Set<String> sources = new TreeSet<>();
        private final Map<String, String> passages = new LinkedHashMap<>();
        private Entity stored;

        void add(String source, String evidence) {
            count++;
            if (source != null) {
                sources.add(source);
            }
            if (evidence != null && passages.size() < RelationStats.MAX_PASSAGES) {
                passages.putIfAbsent(evidence, source);
            }
        }

        RelationStats stats() {
            return new RelationStats(count, sources, passages.entrySet().stream()
                    .map(e -> new RelationStats.Passage(e.getKey(), e.getValue())).toList());
        }
    }
}
