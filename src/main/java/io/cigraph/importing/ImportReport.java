package io.cigraph.importing;

import java.util.List;

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
 * @param millis    time taken
 */
public record ImportReport(String batch, String file, String sha256, String status, int resources, int relations,
                           List<ImportProblem> warnings, long millis) {
}
