package io.cigraph.importing;

import io.cigraph.model.BatchSummary;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Turtle file into the batch the import pipeline would write, through the real parser
 * and mapper, for tests of the stores that need records without a graph. Public for those tests.
 */
public final class TestBatches {

    private TestBatches() {
    }

    /**
     * The batch of one valid file that may link to resources of earlier batches (as if they were
     * in the graph); fails the test if the file has any problem.
     */
    public static ImportBatch read(Ontology ontology, Path file, ImportBatch... earlier) {
        Map<String, List<String>> known = new HashMap<>();
        for (ImportBatch b : earlier) {
            b.resources().forEach(r -> known.put(r.id(), r.types()));
        }
        try {
            byte[] content = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            TurtleFile turtle = TurtleFile.parse(name, content, ontology.baseIri());
            // Looked up id by id: copying what is known and retaining the ids (a list) is quadratic,
            // which at 1M entities kept a benchmark reading for minutes.
            RecordMapper mapper = new RecordMapper(ontology, name, turtle, ids -> {
                Map<String, List<String>> found = new HashMap<>();
                for (String id : ids) {
                    List<String> types = known.get(id);
                    if (types != null) {
                        found.put(id, types);
                    }
                }
                return found;
            });
            RecordMapper.Mapped mapped = mapper.map();
            if (!turtle.syntaxErrors().isEmpty() || !mapper.problems().isEmpty()) {
                throw new IllegalArgumentException(name + " has problems: " + turtle.syntaxErrors() + mapper.problems());
            }
            String sha256 = java.util.HexFormat.of().formatHex(FileScan.newDigest().digest(content));
            return new ImportBatch("batch-" + sha256.substring(0, 16), name, sha256, mapped.resources(), mapped.relations());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A batch as the chunks of a bulk load, relations first: the first chunk holds every relation
     * and the first share of the resources, so most relations name resources of later chunks.
     * Each chunk carries the batch's id, file and hash, as a bulk load's chunks do.
     */
    public static List<ImportBatch> chunks(ImportBatch batch, int count) {
        List<ResourceRecord> resources = batch.resources();
        List<ImportBatch> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<ResourceRecord> share = resources.subList(resources.size() * i / count, resources.size() * (i + 1) / count);
            chunks.add(new ImportBatch(batch.id(), batch.file(), batch.sha256(), share, i == 0 ? batch.relations() : List.of()));
        }
        return chunks;
    }

    /** What a store's ledger records of a batch. */
    public static BatchSummary summary(ImportBatch batch) {
        return new BatchSummary(batch.id(), batch.file(), batch.sha256(), batch.resources().size(), batch.relations().size());
    }
}
