package io.cigraph.search;

import io.cigraph.model.ImportBatch;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
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

    /** Writes the batch to the writer, uncommitted. */
    void apply(IndexWriter writer) throws IOException {
        for (Map.Entry<String, Document> e : relations.entrySet()) {
            writer.updateDocument(new Term(Fields.KEY, e.getKey()), e.getValue());
        }
        // A near-real-time reader sees the relations just written, not yet committed.
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            for (String id : touched) {
                Entity entity = entities.get(id);
                if (entity == null) {
                    Document d = stored(searcher, id);
                    if (d == null) {
                        // Named by a relation but not indexed yet: a later chunk of a rebuild brings it.
                        continue;
                    }
                    entity = Entity.of(d);
                }
                writer.updateDocument(new Term(Fields.KEY, Documents.entityKey(id)),
                        documents.entity(entity, stats(reader, id)));
            }
        }
    }

    private static Document stored(IndexSearcher searcher, String id) {
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(Fields.KEY, Documents.entityKey(id))), 1);
            return top.scoreDocs.length == 0 ? null : searcher.storedFields().document(top.scoreDocs[0].doc);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Counts the live relation documents naming the entity and collects their sources. */
    static RelationStats stats(DirectoryReader reader, String id) throws IOException {
        BytesRef term = new BytesRef(id);
        int count = 0;
        Set<String> sources = new TreeSet<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(Fields.REL_ENTITY);
            if (terms == null) {
                continue;
            }
            TermsEnum te = terms.iterator();
            if (!te.seekExact(term)) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            SortedDocValues source = leaf.reader().getSortedDocValues(Fields.SOURCE);
            PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                count++;
                if (source != null && source.advanceExact(doc)) {
                    sources.add(source.lookupOrd(source.ordValue()).utf8ToString());
                }
            }
        }
        return count == 0 ? RelationStats.NONE : new RelationStats(count, sources);
    }
}
