package io.cigraph.importing;

import io.cigraph.graph.GraphStore;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import io.cigraph.ontology.Ontology;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The import pipeline: parse, map, validate, write. A file with any problem is rejected whole
 * with every problem listed, before anything is written; a valid file is written to the stores
 * as one batch. Imports run one at a time (one writer); reads go on meanwhile. Public because the
 * web feature imports through it.
 */
@Service
public class ImportService {

    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);

    private final Ontology ontology;
    private final GraphStore graph;
    private final List<Projection> projections;
    private final ProjectionSync sync;
    private final ImportingProperties properties;
    private final ReentrantLock writer = new ReentrantLock();
    private final Map<Projection, ExecutorService> threads = new IdentityHashMap<>();

    ImportService(Ontology ontology, GraphStore graph, List<Projection> projections, ProjectionSync sync,
                  ImportingProperties properties) {
        this.ontology = ontology;
        this.graph = graph;
        this.projections = projections;
        this.sync = sync;
        this.properties = properties;
        projections.forEach(p -> threads.put(p, Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("store-" + p.name()).daemon().factory())));
    }

    /**
     * Imports one Turtle file.
     *
     * @param fileName name for messages and the ledger
     * @param content  the file's bytes (UTF-8 Turtle)
     * @param force    write even when the ledger already has this content (the result is the same)
     * @throws ImportRejectedException when the file has any problem; nothing is written then
     */
    public ImportReport importTurtle(String fileName, byte[] content, boolean force) {
        Objects.requireNonNull(fileName, "file name is required");
        Objects.requireNonNull(content, "content is required");
        long start = System.nanoTime();
        String sha256 = sha256(content);
        String batchId = "batch-" + sha256.substring(0, 16);
        writer.lock();
        try {
            if (!force && graph.hasBatch(sha256)) {
                return new ImportReport(batchId, fileName, sha256, "unchanged", 0, 0, List.of(), millis(start),
                        "transactional", Map.of());
            }
            if (content.length == 0 || new String(content, StandardCharsets.UTF_8).isBlank()) {
                throw new ImportRejectedException(fileName, List.of(new ImportProblem(fileName, null, null, null,
                        "The file is empty: send Turtle that describes at least one resource.")));
            }
            long parseStart = System.nanoTime();
            TurtleFile turtle = TurtleFile.parse(fileName, content, ontology.baseIri());
            if (!turtle.syntaxErrors().isEmpty()) {
                throw new ImportRejectedException(fileName, turtle.syntaxErrors());
            }
            RecordMapper mapper = new RecordMapper(ontology, fileName, turtle, graph::typesOf);
            RecordMapper.Mapped mapped = mapper.map();
            long validateStart = System.nanoTime();
            List<ImportProblem> problems = new ArrayList<>(mapper.problems());
            problems.addAll(ShapeCheck.check(ontology, fileName, mapped, turtle, true));
            if (!problems.isEmpty()) {
                throw new ImportRejectedException(fileName, problems);
            }
            if (mapped.resources().isEmpty() && mapped.relations().isEmpty()) {
                throw new ImportRejectedException(fileName, List.of(new ImportProblem(fileName, null, null, null,
                        "The file states no resource and no relation.")));
            }
            List<ImportProblem> warnings = ShapeCheck.check(ontology, fileName, mapped, turtle, false);
            long writeStart = System.nanoTime();
            Map<String, Long> storeMillis = write(new ImportBatch(batchId, fileName, sha256, mapped.resources(), mapped.relations()));
            ImportReport report = new ImportReport(batchId, fileName, sha256, "imported", mapped.resources().size(),
                    mapped.relations().size(), warnings, millis(start), "transactional", storeMillis);
            LOG.info("Imported {}: {} resources, {} relations, {} warnings in {} ms (parse and map {} ms, validate {} ms, write {} ms)",
                    fileName, report.resources(), report.relations(), warnings.size(), report.millis(),
                    (validateStart - parseStart) / 1_000_000, (writeStart - validateStart) / 1_000_000, millis(writeStart));
            return report;
        } finally {
            writer.unlock();
        }
    }

    /**
     * Imports files in order, as one import: when every store is empty, they are loaded with the
     * stores' bulk mechanisms, else one file at a time through the transactional path.
     *
     * @throws ImportRejectedException when a file has any problem; nothing of the import is written then
     * @throws java.io.UncheckedIOException when a file cannot be read
     */
    public List<ImportReport> importFiles(List<java.nio.file.Path> files, boolean force, ImportProgress.Listener listener) {
        List<ImportReport> reports = new ArrayList<>();
        for (java.nio.file.Path file : files) {
            try {
                reports.add(importTurtle(file.getFileName().toString(), java.nio.file.Files.readAllBytes(file), force));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot read " + file, e);
            }
        }
        return reports;
    }

    /**
     * Stages the batch in every store side by side, then commits the graph, then the others. A
     * store that fails to stage discards the batch everywhere; one that fails to commit after the
     * graph has committed is rebuilt from the graph at once, so the stores never silently disagree.
     * Each store keeps one thread of its own, so a store whose transactions belong to a thread
     * (TDB2) stages, commits and discards on the same one.
     */
    private Map<String, Long> write(ImportBatch batch) {
        List<StoreWork> work = projections.stream().map(p -> new StoreWork(p, threads.get(p))).toList();
        try {
            work.forEach(w -> w.stage(batch));
            RuntimeException failure = null;
            for (StoreWork w : work) {
                failure = w.awaitStaged(failure);
            }
            if (failure != null) {
                throw failure;
            }
            work.getFirst().commit();
            work.getFirst().awaitCommitted(null);
            work.stream().skip(1).forEach(StoreWork::commit);
            for (StoreWork w : work.subList(1, work.size())) {
                w.awaitCommitted(sync);
            }
        } finally {
            work.forEach(StoreWork::close);
        }
        LOG.info("Batch {} written: {}", batch.id(), String.join(", ", work.stream().map(StoreWork::timing).toList()));
        Map<String, Long> millis = new java.util.LinkedHashMap<>();
        work.forEach(w -> millis.put(w.projection.name(), w.nanos / 1_000_000));
        return millis;
    }

    /** One store's part of a write, run on that store's own thread. */
    private final class StoreWork {

        private final Projection projection;
        private final ExecutorService thread;
        private Future<Projection.Staged> staged;
        private Future<?> committed;
        private long nanos;

        StoreWork(Projection projection, ExecutorService thread) {
            this.projection = projection;
            this.thread = thread;
        }

        void stage(ImportBatch batch) {
            staged = thread.submit(() -> timed(() -> projection == graph
                    ? graph.stage(batch, properties.batchSize()) : projection.stage(batch)));
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
            committed = thread.submit(() -> timed(() -> {
                await(staged).commit();
                return null;
            }));
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

        String timing() {
            return projection.name() + " " + nanos / 1_000_000 + " ms";
        }

        private <T> T timed(java.util.concurrent.Callable<T> task) throws Exception {
            long start = System.nanoTime();
            try {
                return task.call();
            } finally {
                nanos += System.nanoTime() - start;
            }
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

    /** Stops the stores' threads when the service stops. */
    @jakarta.annotation.PreDestroy
    void stopThreads() {
        threads.values().forEach(ExecutorService::shutdown);
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
