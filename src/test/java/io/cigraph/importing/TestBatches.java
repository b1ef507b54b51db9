package io.cigraph.importing;

import io.cigraph.model.ImportBatch;
import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            RecordMapper mapper = new RecordMapper(ontology, name, turtle, ids -> {
                Map<String, List<String>> found = new HashMap<>(known);
                found.keySet().retainAll(ids);
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
}
