package io.cigraph.importing;

import io.cigraph.graph.GraphStore;
import io.cigraph.graph.ImportLedger;
import io.cigraph.graph.OwnedBatch;
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
    private final ImportLedger ledger;
    private final ImportingProperties properties;
    private final Resolution resolution;
    private final ReentrantLock writer = new ReentrantLock();
    private final Map<Projection, ExecutorService> threads = new IdentityHashMap<>();

    ImportService(Ontology ontology, GraphStore graph, List<Projection> projections, ProjectionSync sync,
                  ImportLedger ledger, ImportingProperties properties, NameIndex names) {
        this.ledger = ledger;
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
     * Imports one file, in the syntax its name's extension names (Turtle when none does).
     *
     * @param fileName name for messages and the ledger
     * @param content  the file's bytes (UTF-8)
     * @param force    write even when the ledger already has this content (the result is the same)
     * @throws ImportRejectedException when the file has any problem; nothing is written then
     */
    public ImportReport importTurtle(String fileName, byte[] content, boolean force) {
        return importTurtle(fileName, content, force, Resolve.REPORT);
    }

    /** Imports one Turtle file, resolving likely duplicates as {@code resolve} says. */
    public ImportReport importTurtle(String fileName, byte[] content, boolean force, Resolve resolve) {
        return importTurtle(fileName, content, force, new WriteOptions(false, null, resolve));
    }

    /** The largest file an upload may hold, in bytes ({@code cigraph.import.max-upload-size}). */
    public long maxUploadBytes() {
        return properties.maxUploadSize().toBytes();
    }

    /**
     * Imports one Turtle file with the write options of the HTTP endpoint.
     *
     * @param options a dry run, and the batch this is explicitly a new version of
     */
    public ImportReport importTurtle(String fileName, byte[] content, boolean force, WriteOptions options) {
        return importSources(List.of(ImportSource.of(fileName, content)), force, ImportProgress.Listener.NONE, options).getFirst();
    }

    /**
     * How an import writes. Public: the web feature passes it.
     *
     * @param dryRun   report what would happen, write nothing
     * @param replaces the batch this file is a new version of, or {@code null}: then the live batch
     *                 imported under the same file name, if any
     * @param resolve  what to do with likely duplicates of known entities
     */
    public record WriteOptions(boolean dryRun, String replaces, Resolve resolve) {
        public static final WriteOptions DEFAULT = new WriteOptions(false, null, Resolve.REPORT);

        public WriteOptions {
            java.util.Objects.requireNonNull(resolve, "resolve is required");
        }
    }

    /**
     * What taking back an import or a source did (or, in a dry run, would do). Public: the
     * endpoints answer it.
     *
     * @param kind    {@code undo} or {@code retract-source}
     * @param target  the batch or source id
     * @param status  {@code retracted} or {@code dry-run}
     * @param changes what was retracted, and what changed in what other imports still state
     */
    public record RetractionReport(String kind, String target, String status, long retractedResources,
                                   long retractedRelations, long changed, List<io.cigraph.graph.Change> changes, long millis) {
        static RetractionReport of(String kind, String target, boolean dryRun, List<io.cigraph.graph.Change> changes, long start) {
            return new RetractionReport(kind, target, dryRun ? "dry-run" : "retracted",
                    changes.stream().filter(c -> "retracted".equals(c.action()) && !c.resource().contains(" ")).count(),
                    changes.stream().filter(c -> "retracted".equals(c.action()) && c.resource().contains(" ")).count(),
                    changes.stream().filter(c -> "changed".equals(c.action())).count(), changes, ImportService.millis(start));
        }
    }

    /** Undoes one import: every statement only it made is retracted, in every store. */
    public RetractionReport undo(String batch, boolean dryRun) {
        return retract("undo", batch, dryRun, () -> ledger.undo(batch, dryRun));
    }

    /** Retracts every statement that rests on this source alone, in every store. */
    public RetractionReport retractSource(String source, boolean dryRun) {
        return retract("retract-source", source, dryRun, () -> ledger.retractSource(source, dryRun));
    }

    private RetractionReport retract(String kind, String target, boolean dryRun,
                                     java.util.function.Supplier<List<io.cigraph.graph.Change>> inGraph) {
        writer.lock();
        try {
            long start = System.nanoTime();
            List<io.cigraph.graph.Change> changes = inGraph.get();
            if (!dryRun) {
                followGraph();
            }
            RetractionReport report = RetractionReport.of(kind, target, dryRun, changes, start);
            LOG.info("{} {}{}: {} resources and {} relations retracted, {} changes, in {} ms", kind, target,
                    dryRun ? " (dry run)" : "", report.retractedResources(), report.retractedRelations(), report.changed(),
                    report.millis());
            return report;
        } finally {
            writer.unlock();
        }
    }

    /**
     * Brings the other stores in line with the graph after a write that removed records: each
     * replaces what it holds of the ids the write touched with what the graph now holds of them
     * ({@link ProjectionSync#follow}). The graph committed first with its ledger entry, so a
     * process stopped here leaves stores whose ledgers lack that entry, and the next start (or the
     * follower) brings them in line. A store that fails to follow is rebuilt from the graph.
     */
    private void followGraph() {
        for (Projection p : projections) {
            if (p == graph) {
                continue;
            }
            try {
                sync.follow(p);
            } catch (RuntimeException e) {
                LOG.warn("Store {} could not follow the graph record by record: rebuilding it", p.name(), e);
                sync.rebuild(p);
            }
        }
    }

    /**
     * One file sent over HTTP: a request's body or one part of a multipart upload.
     *
     * @param name    the file's name, as the ledger records it
     * @param format  its syntax
     * @param charset what its bytes are in: other than UTF-8 they are transcoded
     * @param length  announced length in bytes, or a negative number when unknown
     * @param body    its bytes as they arrive
     */
    public record UploadedFile(String name, ImportFormat format, java.nio.charset.Charset charset, long length,
                               java.io.InputStream body) {
    }

    /**
     * Imports files as they arrive (over HTTP), as one import in the order given: each is spooled
     * to a temporary file as UTF-8, never held whole, then they are imported as files are.
     *
     * @throws UploadTooLargeException when a file is over {@code cigraph.import.max-upload-size}
     * @throws ImportRejectedException when a file has any problem, bytes not in its charset included,
     *                                 or {@code replaces} is given with more than one file
     */
    public List<ImportReport> importUploads(List<UploadedFile> uploads, boolean force, WriteOptions options) {
        if (uploads.size() > 1 && options.replaces() != null) {
            throw new ImportRejectedException(uploads.getFirst().name(), List.of(new ImportProblem(uploads.getFirst().name(), null,
                    null, "replaces", "replaces= names the batch one file is a new version of, and this upload has "
                    + uploads.size() + " files: send the new version alone.")));
        }
        List<Path> spooled = new ArrayList<>();
        try {
            List<ImportSource> sources = new ArrayList<>();
            for (UploadedFile u : uploads) {
                Path file = Upload.spool(u.name(), u.body(), u.length(), u.charset(), properties.maxUploadSize().toBytes());
                spooled.add(file);
                sources.add(ImportSource.of(u.name(), file, u.format()));
            }
            return importSources(sources, force, ImportProgress.Listener.NONE, options);
        } finally {
            spooled.forEach(Upload::delete);
        }
    }

    /**
     * Imports a spreadsheet as it arrives (over HTTP) with a mapping file from the import folder:
     * spooled to a temporary file as {@link #importUploads} does (its charset is found from its
     * byte order mark, so the bytes are kept as sent), then imported as a file is.
     *
     * @param mapping the mapping's path inside {@code cigraph.import.dir}
     * @throws ImportRejectedException when {@code mapping} is not a file name there, or has problems
     */
    public ImportReport importSpreadsheet(String fileName, java.io.InputStream body, long length, String mapping, boolean force,
                                          WriteOptions options) {
        Path dir = properties.dir().toAbsolutePath().normalize();
        Path mappingFile = dir.resolve(mapping).normalize();
        // Only files under the import folder: the name comes from the request.
        if (!mappingFile.startsWith(dir) || !mapping.endsWith(".yaml") || !java.nio.file.Files.isRegularFile(mappingFile)) {
            throw new ImportRejectedException(fileName, List.of(new ImportProblem(fileName, null, null, "mapping",
                    "No mapping '" + mapping + "' in the import folder: name a .yaml file there by its path inside it,"
                            + " such as examples/devices.mapping.yaml.")));
        }
        ImportSource withMapping = new ImportSource(fileName, 0, ImportFormat.TURTLE, () -> java.io.InputStream.nullInputStream())
                .withMapping(mappingFile, ontology);
        Path file = Upload.spool(fileName, body, length, java.nio.charset.StandardCharsets.UTF_8, properties.maxUploadSize().toBytes());
        try {
            ImportSource spooled = ImportSource.of(fileName, file, ImportFormat.TURTLE);
            return importSources(List.of(new ImportSource(fileName, spooled.size(), ImportFormat.TURTLE, spooled.opener(),
                            withMapping.mapping())),
                    force, ImportProgress.Listener.NONE, options).getFirst();
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
        return importFiles(files, force, new WriteOptions(false, null, resolve), listener);
    }

    /** Imports files as {@link #importFiles(List, boolean, ImportProgress.Listener)} does, writing as {@code options} say. */
    public List<ImportReport> importFiles(List<Path> files, boolean force, WriteOptions options, ImportProgress.Listener listener) {
        return importSources(files.stream().map(f -> ImportSource.of(f, ontology)).toList(), force, listener, options);
    }

    /**
     * The files of the import folder at start: when every one of them is imported already, as at
     * most starts, that is known from their digests alone and nothing is parsed (a folder holding
     * a large file parsed it whole at every start to find it unchanged); otherwise they are imported as
     * {@link #importFiles(List, boolean, Resolve, ImportProgress.Listener)} does, unchanged ones
     * reported as such.
     */
    public List<ImportReport> importFolderAtStart(List<Path> files, Resolve resolve) {
        long start = System.nanoTime();
        List<ImportSource> sources = files.stream().map(f -> ImportSource.of(f, ontology)).toList();
        List<String> digests = new ArrayList<>();
        for (ImportSource source : sources) {
            String sha256 = FileScan.digest(source);
            if (!graph.hasBatch(sha256)) {
                return importSources(sources, false, ImportProgress.Listener.NONE, new WriteOptions(false, null, resolve));
            }
            digests.add(sha256);
        }
        return IntStream.range(0, sources.size()).mapToObj(i -> unchanged(sources.get(i), digests.get(i), start)).toList();
    }

    private static ImportReport unchanged(ImportSource source, String sha256, long start) {
        return new ImportReport(batchId(sha256), source.name(), sha256, "unchanged", 0, 0, List.of(), List.of(), millis(start),
                "transactional", Map.of());
    }

    private List<ImportReport> importSources(List<ImportSource> sources, boolean force, ImportProgress.Listener listener) {
        return importSources(sources, force, listener, WriteOptions.DEFAULT);
    }

    private List<ImportReport> importSources(List<ImportSource> sources, boolean force, ImportProgress.Listener listener,
                                             WriteOptions options) {
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
                    reports[i] = unchanged(source, scan.sha256(), start);
                } else {
                    todo.add(i);
                    scans.add(scan);
                }
            }
            if (todo.isEmpty()) {
                return List.of(reports);
            }
            List<ImportSource> files = todo.stream().map(sources::get).toList();
            // A dry run reads what would change record by record: never the bulk path, which writes; nor
            // does a merge, which needs each file whole.
            boolean merges = options.resolve() == Resolve.MERGE || scans.stream().anyMatch(FileScan::sameAs);
            // Another instance's bulk load into the same graph first: its batch is then in the graph;
            // one abandoned (or this instance's own, stopped) is undone before anything is written.
            graph.awaitForeignBulkLoad();
            sync.clearInterruptedBulkLoad();
            boolean bulk = !options.dryRun() && !merges && projections.stream().allMatch(Projection::isEmpty);
            ProgressTracker progress = new ProgressTracker(listener, files.size(),
                    scans.stream().mapToLong(s -> s.resources() + s.relations()).sum(), bulk);
            List<ImportReport> written = new ArrayList<>();
            // A bulk load keeps one statement of each record: the files up to the first that describes
            // a resource or states a relation an earlier one does are bulk-loaded, the rest imported
            // one by one, so that each file's statements are owned by its own batch and none erases another's.
            int bulkFiles = bulk ? bulkPrefix(scans) : 0;
            scans.forEach(FileScan::forgetDescribed);
            try {
                if (bulkFiles > 0) {
                    written.addAll(bulkImport(files.subList(0, bulkFiles), scans.subList(0, bulkFiles), declared, progress));
                }
                for (int i = bulkFiles; i < files.size(); i++) {
                    written.add(transactionalImport(files.get(i), scans.get(i), declared, progress, options));
                }
            } catch (RuntimeException e) {
                if (!startedElsewhere(e)) {
                    throw e;
                }
                // Another instance's bulk load holds the graph (two found it empty at once, and its mark
                // came first; or it started since this one looked): import once it is done. What this
                // call imported before stays, and is found unchanged.
                LOG.info("Another instance is bulk loading into this graph: importing once it is done");
                graph.awaitForeignBulkLoad();
                return importSources(sources, force, listener, options);
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

    private static boolean startedElsewhere(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.cigraph.graph.BulkLoadElsewhereException) {
                return true;
            }
        }
        return false;
    }

    /** How many files, from the first, describe no resource and state no relation that an earlier one does. */
    static int bulkPrefix(List<FileScan> scans) {
        for (int i = 1; i < scans.size(); i++) {
            if (scans.get(i).describesAnyOf(scans.subList(0, i))) {
                return i;
            }
        }
        return scans.size();
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
            throw rejected(source.name(), "The file is empty: send " + source.format().label()
                    + " that describes at least one resource.");
        }
        FileScan scan = FileScan.scan(source, ontology, declared, properties.chunkResources());
        if (!scan.problems().isEmpty()) {
            throw new ImportRejectedException(source.name(), scan.problems());
        }
        if (scan.blank()) {
            throw rejected(source.name(), "The file is empty: send " + source.format().label()
                    + " that describes at least one resource.");
        }
        return scan;
    }

    /** One file as one batch in one transaction per store; the file's records are held until written. */
    private ImportReport transactionalImport(ImportSource source, FileScan scan, Map<String, List<String>> declared,
                                             ProgressTracker progress, WriteOptions options) {
        long start = System.nanoTime();
        progress.file(source.name());
        List<ResourceRecord> resources = new ArrayList<>();
        List<RelationRecord> relations = new ArrayList<>();
        List<RecordMapper.SameAs> sameAs = new ArrayList<>();
        Findings findings = new Findings(source.name());
        FileRecords.read(source, scan.sha256(), ontology, properties.chunkResources(), ids -> typesOf(ids, declared, true), graph::idsByName,
                ids -> graph.relationsOf(ids, source.name()), chunk -> {
            findings.add(chunk);
            resources.addAll(chunk.resources());
            relations.addAll(chunk.relations());
            sameAs.addAll(chunk.sameAs());
        });
        findings.throwIfRejected(resources.isEmpty() && relations.isEmpty());
        long records = resources.size() + (long) relations.size();
        Resolution.Resolved resolved = resolution.resolve(source.name(), resources, relations, sameAs, options.resolve());
        long writeStart = System.nanoTime();
        String id = batchId(scan.sha256());
        Set<String> replaced = replaced(source.name(), id, options);
        OwnedBatch owned = graph.own(new ImportBatch(id, source.name(), scan.sha256(), resolved.resources(), resolved.relations()),
                replaced);
        Map<String, Long> storeMillis = Map.of();
        List<io.cigraph.graph.Change> changes = owned.changes();
        if (options.dryRun()) {
            if (!replaced.isEmpty()) {
                changes = ledger.replace(owned, replaced, true);
            }
        } else if (replaced.isEmpty()) {
            storeMillis = new StagedWrite(projections, threads, sync, graph, properties.batchSize()).write(owned);
        } else {
            // A new version retracts what the old one said and it does not: the graph writes both in one
            // transaction, and the other stores, which must lose records, follow it.
            long graphStart = System.nanoTime();
            changes = ledger.replace(owned, replaced, false);
            long graphMillis = millis(graphStart);
            long followStart = System.nanoTime();
            followGraph();
            storeMillis = Map.of(graph.name(), graphMillis, "follow", millis(followStart));
        }
        progress.add(records);
        ImportReport report = new ImportReport(id, source.name(), scan.sha256(), options.dryRun() ? "dry-run" : "imported",
                resolved.resources().size(), resolved.relations().size(), findings.warnings(), resolved.duplicates(), millis(start), "transactional", storeMillis,
                List.copyOf(replaced), io.cigraph.graph.Change.plain(changes));
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
                FileRecords.read(source, sha, ontology, properties.chunkResources(), ids -> typesOf(ids, declared, false), names -> Map.of(), chunk -> {
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

    /** The batches an import replaces: the one named, else the live one of the same file name, never itself. */
    private Set<String> replaced(String file, String id, WriteOptions options) {
        if (options.replaces() != null && !options.replaces().isBlank()) {
            var entry = ledger.entry(options.replaces());
            if (!"live".equals(entry.status()) || !"import".equals(entry.kind())) {
                throw rejected(file, "replaces=" + options.replaces() + " names a batch that is " + entry.status()
                        + ", not a live import: name a live batch (GET /api/imports lists them) or leave replaces out.");
            }
            return options.replaces().equals(id) ? Set.of() : Set.of(options.replaces());
        }
        return ledger.liveBatchOf(file).filter(b -> !b.equals(id)).map(Set::of).orElse(Set.of());
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
