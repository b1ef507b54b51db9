package io.cigraph.importing;

import io.cigraph.ontology.Ontology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the importing thread alone, without stores: the scan, then reading, mapping and checking
 * every chunk of the files given. For profiling the reader; run from the test classpath.
 */
public final class ReaderProfile {

    private ReaderProfile() {
    }

    public static void main(String[] args) {
        Ontology ontology = Ontology.load(Path.of("ontology"), "https://w3id.org/cigraph/id/", "https://w3id.org/cigraph/ontology#");
        int chunk = Integer.getInteger("chunk", 5000);
        for (int round = 0; round < Integer.getInteger("rounds", 1); round++) {
            Map<String, List<String>> declared = new HashMap<>();
            long start = System.nanoTime();
            List<FileScan> scans = new ArrayList<>();
            for (String f : args) {
                scans.add(FileScan.scan(ImportSource.of(Path.of(f)), ontology, declared, chunk));
            }
            long scanned = System.nanoTime();
            long[] counts = new long[3];
            for (int i = 0; i < args.length; i++) {
                FileRecords.read(ImportSource.of(Path.of(args[i])), scans.get(i).sha256(), ontology, chunk, ids -> {
                    Map<String, List<String>> types = new HashMap<>();
                    ids.forEach(id -> types.put(id, declared.getOrDefault(id, List.of())));
                    return types;
                }, names -> Map.of(), c -> {
                    counts[0] += c.records();
                    counts[1] += c.problems().size();
                    counts[2] += c.warnings().size();
                });
            }
            long read = System.nanoTime();
            System.out.printf("scan %.1f s, read+map+check %.1f s, %,d records (%,.0f/s), %d problems, %d warnings%n",
                    (scanned - start) / 1e9, (read - scanned) / 1e9, counts[0], counts[0] / ((read - scanned) / 1e9), counts[1], counts[2]);
        }
    }
}
