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

    ImportService(Ontology ontology, GraphStore graph, List<Projection> projections, ProjectionSync sync,
                  ImportingProperties properties) {
        this.ontology = ontology;
        this.graph = graph;
        this.projections = projections;
        this.sync = sync;
        this.properties = properties;
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
                return new ImportReport(batchId, fileName, sha256, "unchanged", 0, 0, List.of(), millis(start));
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
            write(new ImportBatch(batchId, fileName, sha256, mapped.resources(), mapped.relations()));
            ImportReport report = new ImportReport(batchId, fileName, sha256, "imported", mapped.resources().size(),
                    mapped.relations().size(), warnings, millis(start));
            LOG.info("Imported {}: {} resources, {} relations, {} warnings in {} ms (parse and map {} ms, validate {} ms, write {} ms)",
                    fileName, report.resources(), report.relations(), warnings.size(), report.millis(),
                    (validateStart - parseStart) / 1_000_000, (writeStart - validateStart) / 1_000_000, millis(writeStart));
            return report;
        } finally {
            writer.unlock();
        }
    }

    /**
     * Stages the batch in every store, then commits them in order, the graph first. A store that
     * fails to stage discards the batch everywhere; one that fails to commit after the graph has
     * committed is rebuilt from the graph at once, so the stores never silently disagree.
     */
    private void write(ImportBatch batch) {
        List<Projection.Staged> staged = new ArrayList<>();
        try {
            for (Projection p : projections) {
                staged.add(p == graph ? graph.stage(batch, properties.batchSize()) : p.stage(batch));
            }
            staged.getFirst().commit();
            for (int i = 1; i < staged.size(); i++) {
                try {
                    staged.get(i).commit();
                } catch (RuntimeException e) {
                    LOG.error("Store {} failed to commit batch {}; rebuilding it from the graph", projections.get(i).name(),
                            batch.id(), e);
                    sync.rebuild(projections.get(i));
                }
            }
        } finally {
            staged.forEach(Projection.Staged::close);
        }
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
