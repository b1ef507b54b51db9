package io.cigraph.importing;

import io.cigraph.model.BatchSummary;
import io.cigraph.model.BulkLoad;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk load into every store side by side, each on its own thread, while the importing thread
 * reads and checks the next chunk: at most one chunk is being written while another is read. The
 * stores prepare their finish side by side, then the graph finishes first; a failure before that
 * leaves every store empty, as they were, and a store that fails to finish after the graph has is
 * emptied and rebuilt from the graph.
 */
final class BulkWrite implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BulkWrite.class);

    private final List<Store> stores;
    private boolean finished;

    /** @param projections the stores, the graph first, each with its own thread */
    BulkWrite(List<Projection> projections, Map<Projection, ExecutorService> threads) {
        this.stores = projections.stream().map(p -> new Store(p, threads.get(p))).toList();
        try {
            stores.forEach(s -> s.submit(() -> s.load = s.projection.bulkLoad()));
            awaitAll();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Hands a chunk to every store once each has written the one before. */
    void add(ImportBatch chunk) {
        awaitAll();
        stores.forEach(s -> s.submit(() -> {
            s.load.add(chunk);
            return null;
        }));
    }

    /**
     * Finishes the load in every store: first each does the part that makes nothing visible, all
     * side by side (a failure there leaves every store as it was), then the graph finishes, then
     * the others. Returns the milliseconds each store spent.
     */
    Map<String, Long> finish(List<BatchSummary> batches, ProjectionSync sync) {
        awaitAll();
        stores.forEach(s -> s.submit(() -> {
            s.load.prepare(batches);
            return null;
        }));
        awaitAll();
        Store graph = stores.getFirst();
        graph.submit(() -> finish(graph, batches));
        graph.await();
        stores.stream().skip(1).forEach(s -> s.submit(() -> finish(s, batches)));
        for (Store s : stores.subList(1, stores.size())) {
            try {
                s.await();
            } catch (RuntimeException e) {
                LOG.error("Store {} failed to finish its bulk load; rebuilding it from the graph", s.projection.name(), e);
                s.submit(() -> close(s));
                s.await();
                sync.rebuild(s.projection);
            }
        }
        finished = true;
        Map<String, Long> millis = new LinkedHashMap<>();
        stores.forEach(s -> millis.put(s.projection.name(), s.nanos / 1_000_000));
        return millis;
    }

    private static Void finish(Store s, List<BatchSummary> batches) {
        s.load.finish(batches);
        return null;
    }

    private static Void close(Store s) {
        if (s.load != null) {
            s.load.close();
            s.load = null;
        }
        return null;
    }

    /** Ends every store's load; unless finished, each store is emptied again. */
    @Override
    public void close() {
        for (Store s : stores) {
            try {
                if (s.pending != null) {
                    s.pending.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // already reported by whoever awaited it, or superseded by the failure being handled
            }
            s.submit(() -> close(s));
        }
        stores.forEach(s -> {
            try {
                s.await();
            } catch (RuntimeException e) {
                LOG.warn("Store {} could not end its bulk load cleanly", s.projection.name(), e);
            }
        });
        if (!finished) {
            LOG.warn("Bulk load not finished: every store is empty again");
        }
    }

    private void awaitAll() {
        RuntimeException failure = null;
        for (Store s : stores) {
            try {
                s.await();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** One store's part, run on that store's thread. */
    private static final class Store {

        private final Projection projection;
        private final ExecutorService thread;
        private volatile BulkLoad load;
        private Future<?> pending;
        private long nanos;

        Store(Projection projection, ExecutorService thread) {
            this.projection = projection;
            this.thread = thread;
        }

        void submit(Callable<?> task) {
            pending = thread.submit(() -> {
                long start = System.nanoTime();
                try {
                    return task.call();
                } finally {
                    nanos += System.nanoTime() - start;
                }
            });
        }

        void await() {
            if (pending == null) {
                return;
            }
            Future<?> waiting = pending;
            pending = null;
            try {
                waiting.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted during a bulk load", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("The bulk load failed in " + projection.name() + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
    }
}
