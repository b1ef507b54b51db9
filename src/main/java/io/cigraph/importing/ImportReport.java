package io.cigraph.importing;

import java.util.List;
import java.util.Map;

/**
 * What an import did. Public: returned by the import endpoint.
 *
 * @param batch     batch id (from the content hash)
 * @param file      file name
 * @param sha256    content hash
 * @param status    {@code imported}, or {@code unchanged} when the ledger already had this content
 * @param resources resources written
 * @param relations relations written
 * @param warnings  shape warnings that did not block the import
 * @param duplicates incoming resources that are likely ones already known, and which of them were merged
 *                  (see {@link Resolve})
 * @param millis    time taken
 * @param mode        {@code transactional}, or {@code bulk} when the stores were empty and loaded with their
 *                    bulk mechanisms (then the files of one import are loaded together and share the timings)
 * @param storeMillis time each store spent writing, by store name ({@code neo4j}, {@code tdb2}, {@code lucene})
 */
public record ImportReport(String batch, String file, String sha256, String status, long resources, long relations,
                           List<ImportProblem> warnings, List<LikelyDuplicate> duplicates, long millis, String mode, Map<String, Long> storeMillis) {

    public ImportReport {
        warnings = List.copyOf(warnings);
        duplicates = List.copyOf(duplicates);
        storeMillis = Map.copyOf(storeMillis);
    }
}
