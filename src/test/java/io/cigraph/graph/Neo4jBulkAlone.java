package io.cigraph.graph;

import io.cigraph.importing.TestBatches;
import io.cigraph.model.BatchSummary;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.util.unit.DataSize;

/**
 * Our Neo4j bulk load alone, on the records of the given files, into an empty in-process Neo4j:
 * the same work the graph's thread does in a bulk import (spool every chunk, Neo4j's importer,
 * restart, constraints, ledger), with no other store sharing the cores and reading not timed,
 * as the raw driver load is measured. A benchmark's tool, not a test:
 * {@code java -cp ... io.cigraph.graph.Neo4jBulkAlone DIR FILE...} prints the figures.
 */
public final class Neo4jBulkAlone {

    private static final int CHUNK = 10_000;

    private Neo4jBulkAlone() {
    }

    /** Seconds per part: spooling the chunks, the importer, and the rest of the finish (restart, constraints, ledger). */
    public record Result(double spool, double importer, double finish) {

        public double seconds() {
            return spool + importer + finish;
        }
    }

    public static Result load(List<Path> files, Path dir) {
        Ontology ontology = Ontology.load(Path.of("ontology"), "https://w3id.org/cigraph/id/", "https://w3id.org/cigraph/ontology#");
        GraphWrites writes = new GraphWrites(ontology);
        var settings = GraphProperties.Embedded.make(dir, 0, DataSize.ofMegabytes(256), DataSize.ofGigabytes(1));
        try (EmbeddedNeo4j neo4j = new EmbeddedNeo4j(settings)) {
            GraphStore.SCHEMA.forEach(neo4j.database()::executeTransactionally);
            long spool = 0;
            List<BatchSummary> summaries = new ArrayList<>();
            // Later files name resources of earlier ones: the reader is told their classes, as the graph would tell it.
            List<ResourceRecord> known = new ArrayList<>();
            try (EmbeddedBulkLoad load = new EmbeddedBulkLoad(neo4j, writes)) {
                for (Path file : files) {
                    ImportBatch batch = TestBatches.read(ontology, file,
                            new ImportBatch("known", "known", "", known, List.of()));
                    summaries.add(TestBatches.summary(batch));
                    long start = System.nanoTime();
                    for (ImportBatch chunk : TestBatches.chunks(batch, Math.max(1, batch.resources().size() / CHUNK))) {
                        load.add(chunk);
                    }
                    spool += System.nanoTime() - start;
                    batch.resources().forEach(r -> known.add(
                            new ResourceRecord(r.id(), r.iri(), r.types(), null, List.of(), null, Map.of(), 0)));
                }
                known.clear();
                long start = System.nanoTime();
                load.prepare(summaries);
                long imported = System.nanoTime();
                load.finish(summaries);
                return new Result(spool / 1e9, (imported - start) / 1e9, (System.nanoTime() - imported) / 1e9);
            }
        }
    }

    public static void main(String[] args) {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        Result r = load(files, Path.of(args[0]));
        System.out.printf("spool %.2f s, importer %.2f s, restart + constraints + ledger %.2f s: %.2f s%n",
                r.spool(), r.importer(), r.finish(), r.seconds());
    }
}
