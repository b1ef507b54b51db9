package io.cigraph.model;

/**
 * One imported file as a store's ledger records it, without its records.
 *
 * @param id        stable batch id derived from the content hash
 * @param file      the file name it came from
 * @param sha256    hex SHA-256 of the file's bytes
 * @param resources resources the file described
 * @param relations relations the file stated
 */
public record BatchSummary(String id, String file, String sha256, long resources, long relations) {
}
