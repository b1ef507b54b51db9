package io.cigraph.importing;

import io.cigraph.graph.GraphStore;
import io.cigraph.graph.OwnedBatch;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional write of one batch into every store, the graph first in the list. The bulk
 * load's counterpart is {@link BulkWrite}.
 */
final class StagedWrite {

    private static final Logger LOG = LoggerFactory.getLogger(StagedWrite.class);

    private final List<Projection> projections;
    private final Map<Projection, ExecutorService> threads;
    private final ProjectionSync sync;
    private final GraphStore graph;
    private final int statementRows;

    /** @param statementRows rows per {@code UNWIND} statement when the graph is written with Cypher */
    StagedWrite(List<Projection> projections, Map<Projection, ExecutorService> threads, ProjectionSync sync,
                GraphStore graph, int statementRows) {
        this.projections = projections;
        this.threads = threads;
        this.sync = sync;
        this.graph = graph;
        this.statementRows = statementRows;
    }

    /**
     * Stages the batch in every store side by side, then commits the graph, then the others. A
     * store that fails to stage discards the batch everywhere; one that fails to commit after the
     * graph has committed is rebuilt from the graph at once, so the stores never silently disagree.
     * Each store keeps one thread of its own, so a store whose transactions belong to a thread
     * (TDB2) stages, commits and discards on the same one.
     */
    Map<String, Long> write(OwnedBatch owned) {
        ImportBatch batch = owned.effective();
        List<StoreWork> work = projections.stream().map(p -> new StoreWork(p, threads.get(p))).toList();
        try {
            LOG.debug("Batch {} staging in every store", batch.id());
            work.forEach(w -> w.stage(owned));
            RuntimeException failure = null;
            for (StoreWork w : work) {
                failure = w.awaitStaged(failure);
            }
            if (failure != null) {
                throw failure;
            }
            LOG.debug("Batch {} staged in every store; committing", batch.id());
            work.getFirst().commit();
            work.getFirst().awaitCommitted(null);
            LOG.debug("Batch {} committed to the graph; committing the other stores", batch.id());
            work.stream().skip(1).forEach(StoreWork::commit);
            for (StoreWork w : work.subList(1, work.size())) {
                w.awaitCommitted(sync);
            }
        } finally {
            work.forEach(StoreWork::close);
        }
        LOG.info("Batch {} written: {}", batch.id(), String.join(", ", work.stream().map(StoreWork::timing).toList()));
        Map<String, Long> millis = new LinkedHashMap<>();
        work.forEach(w -> millis.put(w.projection.name(), w.millis()));
        return millis;
    }

    /** One store's part of a write, run on that store's own thread. */
    private final class StoreWork {

        private final Projection projection;
        private final ExecutorService thread;
        private Future<Projection.Staged> staged;
        private Future<?> committed;
        private long stageNanos;
        private long commitNanos;

        StoreWork(Projection projection, ExecutorService thread) {
            this.projection = projection;
            this.thread = thread;
        }

        void stage(OwnedBatch batch) {
            staged = thread.submit(() -> {
                long start = System.nanoTime();
                try {
                    return projection == graph ? graph.stage(batch, statementRows) : projection.stage(batch.effective());
                } finally {
                    stageNanos = System.nanoTime() - start;
                }
            });
        }

        RuntimeException awaitStaged(RuntimeException earlier) {
            try {
                await(staged);
                return earlier;
            } catch (RuntimeException e) {
                if (earlier != null) {
                    earlier.addSuppressed(e);
                    return earlier;
                }
                return e;
            }
        }

        void commit() {
            committed = thread.submit(() -> {
                long start = System.nanoTime();
                try {
                    await(staged).commit();
                } finally {
                    commitNanos = System.nanoTime() - start;
                }
                return null;
            });
        }

        /** Waits for the commit; a failed commit is rethrown, or with {@code sync} repaired by a rebuild. */
        void awaitCommitted(ProjectionSync repair) {
            try {
                await(committed);
            } catch (RuntimeException e) {
                if (repair == null) {
                    throw e;
                }
                LOG.error("Store {} failed to commit; rebuilding it from the graph", projection.name(), e);
                repair.rebuild(projection);
            }
        }

        void close() {
            if (staged == null) {
                return;
            }
            try {
                thread.submit(() -> {
                    try {
                        staged.get().close();
                    } catch (ExecutionException e) {
                        // it never staged: nothing to discard
                    }
                    return null;
                }).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.warn("Store {} could not discard a batch: {}", projection.name(), e.getCause().getMessage());
            }
        }

        long millis() {
            return (stageNanos + commitNanos) / 1_000_000;
        }

        String timing() {
            return "%s %d ms (staged in %d, committed in %d)".formatted(projection.name(), millis(),
                    stageNanos / 1_000_000, commitNanos / 1_000_000);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

}
