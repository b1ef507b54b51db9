package io.cigraph.importing;

import io.cigraph.graph.Change;
import java.util.List;
import java.util.Map;

/**
 * What an import did. Public: returned by the import endpoint.
 *
 * @param batch     batch id (from the content hash)
 * @param file      file name
 * @param sha256    content hash
 * @param status    {@code imported}, {@code unchanged} when the ledger already has this content live, or
 *                  {@code dry-run} when nothing was written
 * @param resources resources written
 * @param relations relations written
 * @param warnings  shape warnings that did not block the import
 * @param duplicates incoming resources that are likely ones already known, and which of them were merged
 *                  (see {@link Resolve})
 * @param millis    time taken
 * @param mode        {@code transactional}, or {@code bulk} when the stores were empty and loaded with their
 *                    bulk mechanisms (then the files of one import are loaded together and share the timings)
 * @param storeMillis time each store spent writing, by store name ({@code neo4j}, {@code tdb2}, {@code lucene})
 * @param replaced    the batches this import is a new version of (their statements it no longer makes are retracted)
 * @param changes     what it created, changed (field, old and new value), left unchanged and retracted; empty
 *                    for a bulk load (everything is created)
 */
public record ImportReport(String batch, String file, String sha256, String status, long resources, long relations,
                           List<ImportProblem> warnings, List<LikelyDuplicate> duplicates, long millis, String mode,
                           Map<String, Long> storeMillis, List<String> replaced, List<Change> changes) {

    public ImportReport {
        warnings = List.copyOf(warnings);
        duplicates = List.copyOf(duplicates);
        storeMillis = Map.copyOf(storeMillis);
        replaced = List.copyOf(replaced);
        changes = List.copyOf(changes);
    }

    ImportReport(String batch, String file, String sha256, String status, long resources, long relations,
                 List<ImportProblem> warnings, List<LikelyDuplicate> duplicates, long millis, String mode,
                 Map<String, Long> storeMillis) {
        this(batch, file, sha256, status, resources, relations, warnings, duplicates, millis, mode, storeMillis, List.of(), List.of());
    }
}
