package io.cigraph.search;

import io.cigraph.model.ImportBatch;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;

/**
 * One batch's changes to the index, written to the writer uncommitted when the batch is staged.
 * Relation documents are the truth about relations; an entity's
 * document is derived from its record plus the relation documents that name it, so entities of
 * earlier batches that gain relations in this one are rewritten from their stored fields with
 * fresh counts and sources: added to what the stored document says when the batch's relations
 * are all new, recounted otherwise. Writing the same batch twice gives the same documents
 * (update by key).
 */
final class IndexUpdate {

    private final Documents documents;
    private final Map<String, Entity> entities = new LinkedHashMap<>();
    /** The batch's relations by document key: a relation stated twice is one document. */
    private final Map<String, RelationRecord> relations = new LinkedHashMap<>();
    private final Set<String> touched = new LinkedHashSet<>();

    IndexUpdate(Documents documents, ImportBatch batch) {
        this.documents = documents;
        for (ResourceRecord r : batch.resources()) {
            entities.put(r.id(), Entity.of(r));
        }
        for (RelationRecord r : batch.relations()) {
            relations.put(Documents.relationKey(r), r);
            touched.add(r.subject());
            touched.add(r.object());
        }
        touched.addAll(entities.keySet());
    }

    /**
     * Writes the batch to the writer, uncommitted. Documents are analysed on all cores: the
     * writer is thread-safe and analysis is most of the cost.
     *
     * @param current the index as it stands, nothing written since, or {@code null} when the writer
     *                holds uncommitted changes (a rebuild in progress). When every relation of the
     *                batch is new to it, the entities the batch touches add the new relations to
     *                the stats their stored documents carry; otherwise each is recounted from all
     *                its relation documents, which for an entity with many relations (a vendor
     *                with 100k) costs far more.
     */
    void apply(IndexWriter writer, IndexReader current) throws IOException {
        try {
            if (current != null && !EntityLookup.holdsAny(current, relations.keySet())) {
                addToStats(writer, current);
            } else {
                recount(writer);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void addToStats(IndexWriter writer, IndexReader current) throws IOException {
        Map<String, EntityLookup.Stored> stored = EntityLookup.stored(current, touched, documents);
        Map<String, List<RelationRecord>> naming = new HashMap<>();
        for (RelationRecord r : relations.values()) {
            for (String end : new LinkedHashSet<>(List.of(r.subject(), r.object()))) {
                naming.computeIfAbsent(end, k -> new ArrayList<>()).add(r);
            }
        }
        writeRelations(writer);
        touched.parallelStream().forEach(id -> {
            EntityLookup.Stored s = stored.get(id);
            Entity entity = entities.containsKey(id) ? entities.get(id) : s == null ? null : s.entity();
            // An entity named by a relation but not indexed is skipped, as in a recount.
            if (entity != null) {
                RelationStats before = s == null ? RelationStats.NONE : s.stats();
                update(writer, new Term(Fields.KEY, Documents.entityKey(id)),
                        documents.entity(entity, before.plus(naming.getOrDefault(id, List.of()))));
            }
        });
    }

    private void recount(IndexWriter writer) throws IOException {
        writeRelations(writer);
        // A near-real-time reader sees the relations just written, not yet committed.
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            Map<String, EntityLookup.Found> found = EntityLookup.read(reader, touched, id -> !entities.containsKey(id));
            touched.parallelStream().forEach(id -> {
                EntityLookup.Found f = found.get(id);
                Entity entity = entities.containsKey(id) ? entities.get(id) : f == null ? null : f.stored();
                // An entity named by a relation but not indexed yet is skipped: a later chunk of a rebuild brings it.
                if (entity != null) {
                    update(writer, new Term(Fields.KEY, Documents.entityKey(id)), documents.entity(entity, EntityLookup.stats(f)));
                }
            });
        }
    }

    /**
     * Writes the batch as one chunk of a bulk load, without reading the index: relations as they
     * are, entities as pending documents, whose full documents {@link IndexBulkLoad} writes once
     * every relation is in.
     */
    void applyPending(IndexWriter writer) throws IOException {
        try {
            writeRelations(writer);
            entities.values().parallelStream()
                    .forEach(e -> update(writer, new Term(Fields.KEY, Documents.entityKey(e.id())), Documents.pending(e)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void writeRelations(IndexWriter writer) {
        relations.entrySet().parallelStream()
                .forEach(e -> update(writer, new Term(Fields.KEY, e.getKey()), Documents.relation(e.getValue())));
    }

    static void update(IndexWriter writer, Term key, Document d) {
        try {
            writer.updateDocument(key, d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
