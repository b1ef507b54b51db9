package io.cigraph.model;

import java.util.List;

/**
 * A load into an empty store with the store's own bulk mechanism (Neo4j's batch importer, the
 * TDB2 loader, a Lucene writer with a large buffer) instead of one
 * transaction per batch. Records arrive in chunks, in file order, all on one thread; a relation
 * may name a resource that a later chunk brings. Nothing is visible to readers before
 * {@link #finish}; closing an unfinished load leaves the store empty, as it was.
 */
public interface BulkLoad extends AutoCloseable {

    /** Adds a chunk of records. The chunk's id, file and hash are those of the file it comes from. */
    void add(ImportBatch chunk);

    /**
     * Does the heavy part of finishing that makes nothing visible (building indexes, a new store
     * beside the live one), so that the stores can do it side by side before the graph finishes
     * first. Optional: {@link #finish} does whatever it has not done.
     *
     * @param batches the batches {@link #finish} will mark as held, for a store whose ledger must
     *                be built with its records so that it can never hold one without the other
     */
    default void prepare(List<BatchSummary> batches) {
    }

    /** Makes everything added durable and visible, and marks these batches as held. */
    void finish(List<BatchSummary> batches);

    /** Ends the load; unless it was finished, empties the store again. Never throws. */
    @Override
    void close();
}
