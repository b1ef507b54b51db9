package io.cigraph.model;

import java.util.Set;

/**
 * A store that holds a projection of the canonical records: the graph, the RDF store, the search
 * index. The import pipeline stages a batch in every projection and commits them only when all
 * have staged it, so a batch that any store refuses is written nowhere. Each projection keeps a
 * ledger of the batches it holds (by content hash), so a store that missed one (a crash between
 * commits, a deleted index) is caught up from the graph at start.
 */
public interface Projection {

    /** Short name for logs and reports ({@code neo4j}, {@code tdb2}, {@code lucene}). */
    String name();

    /**
     * Writes the batch without making it visible. The caller commits or closes the result; closing
     * without committing discards the batch.
     */
    Staged stage(ImportBatch batch);

    /**
     * Replaces what this store holds of the resources {@code forget} (their records, with what each
     * import said of them) and of the relations {@code forgetRelations} ({@code "subject predicate
     * object"}, with their provenance, claims and what they imply) with {@code batch}, what the
     * graph now holds of them; marks the batch as held and the batches {@code drop} as no longer
     * held; visible once committed. How a store follows a retraction or a new version the graph
     * committed; with nothing to forget, it is {@link #stage} with batches dropped.
     */
    default Staged restate(ImportBatch batch, java.util.Collection<String> forget, java.util.Collection<String> forgetRelations,
                           Set<String> drop) {
        throw new UnsupportedOperationException(name() + " follows no other store");
    }

    /** Content hashes of the batches this store holds. */
    Set<String> batches();

    /** The batches this store holds and its counts of resources and relations, read together. */
    StoreContent content();

    /**
     * Replaces this store's content with the records of {@code source}, marking its batches as held.
     * The graph is the source of truth, so it never rebuilds itself.
     */
    void rebuild(RecordSource source);

    /** Whether the store holds no records and no batches: an import may then use {@link #bulkLoad()}. */
    boolean isEmpty();

    /**
     * Starts a bulk load into this store, which must be empty. All calls on the load come from one
     * thread, the one that called this method.
     */
    BulkLoad bulkLoad();

    /** A staged batch: commit it, or close it to discard it. */
    interface Staged extends AutoCloseable {

        void commit();

        /** Discards the batch unless it was committed; never throws. */
        @Override
        void close();
    }
}
