package io.cigraph.rdf;

import io.cigraph.importing.TestBatches;
import io.cigraph.model.BatchSummary;
import io.cigraph.model.BulkLoad;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.system.Txn;
import org.springframework.util.FileSystemUtils;

/**
 * Measures TDB2's loaders on a bulk load of copies of the seed records (each copy with its own
 * ids, about 940 quads a copy), one fresh dataset per loader. Not a test: run its
 * {@code main} with the test classpath and {@code -Dbench.copies=5300} for 5.0M quads, and loader names as arguments to measure only those.
 */
public final class RdfLoaderBenchmark {

    private RdfLoaderBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int copies = Integer.getInteger("bench.copies", 5300);
        List<TdbLoader> loaders = args.length == 0 ? List.of(TdbLoader.values())
                : Stream.of(args).map(a -> TdbLoader.valueOf(a.toUpperCase())).toList();
        Ontology ontology = Ontology.load(Path.of("ontology"), "https://w3id.org/cigraph/id/", "https://w3id.org/cigraph/ontology#");
        ImportBatch seed = TestBatches.read(ontology, Path.of("import/huawei-ecosystem.ttl"));
        for (TdbLoader loader : loaders) {
            Path dir = Files.createTempDirectory("cigraph-tdb2-bench");
            RdfStore store = new RdfStore(new RdfProperties(dir, Duration.ofSeconds(30), 100, loader, false, List.of()), ontology);
            long start = System.nanoTime();
            try (BulkLoad load = store.bulkLoad()) {
                for (int i = 0; i < copies; i++) {
                    load.add(copy(seed, i));
                }
                load.finish(List.of(new BatchSummary(seed.id(), seed.file(), seed.sha256(), 0, 0)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long quads = Txn.calculateRead(store.dataset(), () -> store.dataset().stream().count());
            System.out.printf("%-8s %,d quads in %.1f s: %,.0f quads/s, %,d MiB on disk%n", loader, quads, seconds,
                    quads / seconds, TdbCompaction.bytes(dir) >> 20);
            store.destroy();
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    private static ImportBatch copy(ImportBatch seed, int n) {
        String suffix = "-" + n;
        List<ResourceRecord> resources = new ArrayList<>();
        for (ResourceRecord r : seed.resources()) {
            resources.add(new ResourceRecord(r.id() + suffix, r.iri() + suffix, r.types(), r.label() + suffix, r.aliases(),
                    r.description(), r.properties(), r.line()));
        }
        List<RelationRecord> relations = new ArrayList<>();
        for (RelationRecord r : seed.relations()) {
            relations.add(new RelationRecord(r.subject() + suffix, r.predicate(), r.object() + suffix, r.provenance(), r.line()));
        }
        return new ImportBatch(seed.id(), seed.file(), seed.sha256(), resources, relations);
    }
}
