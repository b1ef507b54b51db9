package io.cigraph.model;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Every record a store holds, read back in chunks so that a large graph never sits in memory
 * whole. The graph is one: the other stores rebuild from it.
 */
public interface RecordSource {

    /** Calls {@code chunk} with batches of at most {@code size} resources and their outgoing relations. */
    void forEachChunk(int size, Consumer<ImportBatch> chunk);

    /** Content hashes of the batches the records come from. */
    Set<String> batches();
}
