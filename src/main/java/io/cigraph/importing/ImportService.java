package io.cigraph.importing;

import io.cigraph.graph.GraphStore;
import io.cigraph.model.BatchSummary;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import io.cigraph.resolution.NameIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
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
    private final Resolution resolution;
    private final ReentrantLock writer = new ReentrantLock();
    private final Map<Projection, ExecutorService> threads = new IdentityHashMap<>();

    ImportService(Ontology ontology, GraphStore graph, List<Projection> projections, ProjectionSync sync,
                  ImportingProperties properties, NameIndex names) {
        this.ontology = ontology;
        this.resolution = new Resolution(graph, names, ontology);
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
        return importTurtle(fileName, content, force, Resolve.REPORT);
    }

    /** Imports one Turtle file, resolving likely duplicates as {@code resolve} says. */
    public ImportReport importTurtle(String fileName, byte[] content, boolean force, Resolve resolve) {
        return importSources(List.of(ImportSource.of(fileName, content)), force, resolve, ImportProgress.Listener.NONE).getFirst();
    }

    /**
     * Imports a Turtle file as it arrives (over HTTP): spooled to a temporary file as UTF-8, never
     * held whole, then imported as a file is.
     *
     * @param length  announced length in bytes, or a negative number when unknown
     * @param charset what the bytes are in: other than UTF-8 they are transcoded
     * @param resolve what to do with likely duplicates of known entities
     * @throws UploadTooLargeException when the body is over {@code cigraph.import.max-upload-size}
     * @throws ImportRejectedException when the file has any problem, bytes not in {@code charset} included
     */
    public ImportReport importUpload(String fileName, java.io.InputStream body, long length,
                                     java.nio.charset.Charset charset, boolean force, Resolve resolve) {
        Path file = Upload.spool(fileName, body, length, charset, properties.maxUploadSize().toBytes());
        try {
            return importSources(List.of(ImportSource.of(fileName, file)), force, resolve, ImportProgress.Listener.NONE).getFirst();
        } finally {
            Upload.delete(file);
        }
    }

    /**
     * Imports files in order, as one import. When every store is empty, the files are loaded
     * together with the stores' bulk mechanisms, and a problem in any file leaves the stores empty;
     * otherwise each file is written as one batch, and the import stops at the first file with a
     * problem (the files before it stay imported). Files are read as streams, twice: a quick scan
     * (hash, syntax, counts for progress), then the records chunk by chunk.
     *
     * @throws ImportRejectedException when a file has any problem
     * @throws java.io.UncheckedIOException when a file cannot be read
     */
    public List<ImportReport> importFiles(List<Path> files, boolean force, ImportProgress.Listener listener) {
        return importFiles(files, force, Resolve.REPORT, listener);
    }

    /**
     * Imports files as {@link #importFiles(List, boolean, ImportProgress.Listener)} does, resolving
     * likely duplicates as {@code resolve} says. Merging (by {@link Resolve#MERGE} or a file's
     * {@code owl:sameAs}) needs each file whole: such an import is written file by file, never bulk-loaded.
     */
    public List<ImportReport> importFiles(List<Path> files, boolean force, Resolve resolve, ImportProgress.Listener listener) {
        return importSources(files.stream().map(ImportSource::of).toList(), force, resolve, listener);
    }

    private List<ImportReport> importSources(List<ImportSource> sources, boolean force, Resolve resolve,
                                             ImportProgress.Listener listener) {
        writer.lock();
        try {
            long start = System.nanoTime();
            Map<String, List<String>> declared = new HashMap<>();
            ImportReport[] reports = new ImportReport[sources.size()];
            List<Integer> todo = new ArrayList<>();
            List<FileScan> scans = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<FileScan> scanned = scanAll(sources, declared);
            for (int i = 0; i < sources.size(); i++) {
                ImportSource source = sources.get(i);
                FileScan scan = scanned.get(i);
                if ((!force && graph.hasBatch(scan.sha256())) || !seen.add(scan.sha256())) {
                    reports[i] = new ImportReport(batchId(scan.sha256()), source.name(), scan.sha256(), "unchanged", 0, 0,
                            List.of(), List.of(), millis(start), "transactional", Map.of());
                } else {
                    todo.add(i);
                    scans.add(scan);
                }
            }
            if (todo.isEmpty()) {
                return List.of(reports);
            }
            List<ImportSource> files = todo.stream().map(sources::get).toList();
            boolean merges = resolve == Resolve.MERGE || scans.stream().anyMatch(FileScan::sameAs);
            boolean bulk = !merges && projections.stream().allMatch(Projection::isEmpty);
            ProgressTracker progress = new ProgressTracker(listener, files.size(),
                    scans.stream().mapToLong(s -> s.resources() + s.relations()).sum(), bulk);
            List<ImportReport> written = new ArrayList<>();
            if (bulk) {
                written.addAll(bulkImport(files, scans, declared, progress));
            } else {
                for (int i = 0; i < files.size(); i++) {
                    written.add(transactionalImport(files.get(i), scans.get(i), declared, resolve, progress));
                }
            }
            for (int i = 0; i < todo.size(); i++) {
                reports[todo.get(i)] = written.get(i);
            }
            progress.done();
            return List.of(reports);
        } finally {
            writer.unlock();
        }
    }

    /**
     * Runs {@code work} unless an import is running, with imports held off meanwhile: what it
     * reads of the stores is then never a batch half committed. Empty when an import runs.
     */
    <T> java.util.Optional<T> whenIdle(java.util.function.Supplier<T> work) {
        if (!writer.tryLock()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(work.get());
        } finally {
            writer.unlock();
        }
    }

    /** A file's scan, or why it failed. */
    private record Scanned(FileScan scan, Map<String, List<String>> declared, RuntimeException failure) {
    }

    /**
     * Scans the files side by side (the scan is one core's work a file, and nothing else runs yet),
     * each into a map of its own, then adds their classes to {@code declared} in file order. The
     * outcome is that of scanning them one after another: the first file in order with a problem
     * rejects the import.
     */
    private List<FileScan> scanAll(List<ImportSource> sources, Map<String, List<String>> declared) {
        List<Scanned> scanned = IntStream.range(0, sources.size()).parallel().mapToObj(i -> {
            Map<String, List<String>> own = new HashMap<>();
            try {
                return new Scanned(scan(sources.get(i), own), own, null);
            } catch (RuntimeException e) {
                return new Scanned(null, null, e);
            }
        }).toList();
        Map<List<String>, List<String>> shared = new HashMap<>();
        List<FileScan> scans = new ArrayList<>();
        for (Scanned s : scanned) {
            if (s.failure() != null) {
                throw s.failure();
            }
            s.declared().forEach((id, types) -> FileScan.declare(declared, shared, id, types));
            scans.add(s.scan());
        }
        return scans;
    }

    private FileScan scan(ImportSource source, Map<String, List<String>> declared) {
        if (source.size() == 0) {
            throw rejected(source.name(), "The file is empty: send Turtle that describes at least one resource.");
        }
        FileScan scan = FileScan.scan(source, ontology, declared, properties.chunkResources());
        if (!scan.problems().isEmpty()) {
            throw new ImportRejectedException(source.name(), scan.problems());
        }
        if (scan.blank()) {
            throw rejected(source.name(), "The file is empty: send Turtle that describes at least one resource.");
        }
        return scan;
    }

    /** One file as one batch in one transaction per store; the file's records are held until written. */
    private ImportReport transactionalImport(ImportSource source, FileScan scan, Map<String, List<String>> declared,
                                             Resolve resolve, ProgressTracker progress) {
        long start = System.nanoTime();
        progress.file(source.name());
        List<ResourceRecord> resources = new ArrayList<>();
        List<RelationRecord> relations = new ArrayList<>();
        List<RecordMapper.SameAs> sameAs = new ArrayList<>();
        Findings findings = new Findings(source.name());
        FileRecords.read(source, scan.sha256(), ontology, properties.chunkResources(), ids -> typesOf(ids, declared, true), chunk -> {
            findings.add(chunk);
            resources.addAll(chunk.resources());
            relations.addAll(chunk.relations());
            sameAs.addAll(chunk.sameAs());
        });
        findings.throwIfRejected(resources.isEmpty() && relations.isEmpty());
        long records = resources.size() + (long) relations.size();
        Resolution.Resolved resolved = resolution.resolve(source.name(), resources, relations, sameAs, resolve);
        long writeStart = System.nanoTime();
        String id = batchId(scan.sha256());
        Map<String, Long> storeMillis = new StagedWrite(projections, threads, sync, graph, properties.batchSize()).write(
                new ImportBatch(id, source.name(), scan.sha256(), resolved.resources(), resolved.relations()));
        progress.add(records);
        ImportReport report = new ImportReport(id, source.name(), scan.sha256(), "imported", resolved.resources().size(),
                resolved.relations().size(), findings.warnings(), resolved.duplicates(), millis(start), "transactional", storeMillis);
        LOG.info("Imported {}: {} resources, {} relations, {} warnings in {} ms (read and check {} ms, write {} ms)",
                source.name(), report.resources(), report.relations(), report.warnings().size(), report.millis(),
                (writeStart - start) / 1_000_000, millis(writeStart));
        return report;
    }

    /** All files into the empty stores with their bulk mechanisms, chunk by chunk; all or nothing. */
    private List<ImportReport> bulkImport(List<ImportSource> sources, List<FileScan> scans,
                                          Map<String, List<String>> declared, ProgressTracker progress) {
        long start = System.nanoTime();
        LOG.info("The stores are empty: bulk loading {} file(s), about {} records", sources.size(),
                scans.stream().mapToLong(s -> s.resources() + s.relations()).sum());
        List<BatchSummary> summaries = new ArrayList<>();
        List<Findings> all = new ArrayList<>();
        Map<String, Long> storeMillis;
        Resolution.Running duplicates = resolution.new Running();
        try (BulkWrite bulk = new BulkWrite(projections, threads)) {
            List<ImportProblem> problems = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                ImportSource source = sources.get(i);
                String sha = scans.get(i).sha256();
                String id = batchId(sha);
                progress.file(source.name());
                Findings findings = new Findings(source.name());
                long[] counts = new long[2];
                FileRecords.read(source, sha, ontology, properties.chunkResources(), ids -> typesOf(ids, declared, false), chunk -> {
                    findings.add(chunk);
                    duplicates.add(chunk.resources()).forEach(findings::duplicate);
                    if (problems.isEmpty() && findings.problems().isEmpty()) {
                        bulk.add(new ImportBatch(id, source.name(), sha, chunk.resources(), chunk.relations()));
                        counts[0] += chunk.resources().size();
                        counts[1] += chunk.relations().size();
                        progress.add(chunk.records());
                    } else if (problems.size() + findings.problems().size() >= Findings.MAX) {
                        throw new FileRecords.Stop();
                    }
                });
                if (counts[0] + counts[1] == 0 && findings.problems().isEmpty() && problems.isEmpty()) {
                    findings.problem("The file states no resource and no relation.");
                }
                problems.addAll(findings.problems());
                if (problems.size() >= Findings.MAX) {
                    break;
                }
                summaries.add(new BatchSummary(id, source.name(), sha, counts[0], counts[1]));
                all.add(findings);
            }
            if (!problems.isEmpty()) {
                throw new ImportRejectedException(problems.getFirst().file(), problems);
            }
            storeMillis = bulk.finish(summaries, sync);
        }
        long millis = millis(start);
        LOG.info("Bulk load of {} file(s) done in {} ms: {} resources, {} relations; store time {}", sources.size(), millis,
                summaries.stream().mapToLong(BatchSummary::resources).sum(),
                summaries.stream().mapToLong(BatchSummary::relations).sum(), storeMillis);
        List<ImportReport> reports = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            BatchSummary b = summaries.get(i);
            reports.add(new ImportReport(b.id(), b.file(), b.sha256(), "imported", b.resources(), b.relations(),
                    all.get(i).warnings(), all.get(i).duplicates(), millis, "bulk", storeMillis));
        }
        return reports;
    }

    /**
     * Classes of resources a chunk names but does not describe: from this import's files first,
     * then (unless the graph is known to be empty) from the graph.
     */
    private Map<String, List<String>> typesOf(Collection<String> ids, Map<String, List<String>> declared, boolean graphToo) {
        Map<String, List<String>> types = new HashMap<>();
        List<String> rest = new ArrayList<>();
        for (String id : ids) {
            List<String> known = declared.get(id);
            if (known != null && !known.isEmpty()) {
                types.put(id, known);
            } else {
                rest.add(id);
            }
        }
        if (graphToo && !rest.isEmpty()) {
            types.putAll(graph.typesOf(rest));
        }
        return types;
    }

    private static ImportRejectedException rejected(String file, String message) {
        return new ImportRejectedException(file, List.of(new ImportProblem(file, null, null, null, message)));
    }

    private static String batchId(String sha256) {
        return "batch-" + sha256.substring(0, 16);
    }

    /** Stops the stores' threads when the service stops. */
    @jakarta.annotation.PreDestroy
    void stopThreads() {
        threads.values().forEach(ExecutorService::shutdown);
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
