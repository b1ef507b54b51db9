package io.cigraph.importing;

/**
 * One thing wrong with an import, precise enough to fix: public because the web feature returns
 * it in problem details.
 *
 * @param file    file name
 * @param line    line in the file, or {@code null} where unknown
 * @param record  id of the record (resource) concerned, or {@code null}
 * @param field   property concerned, or {@code null}
 * @param message what is wrong and how to fix it, in plain words
 */
public record ImportProblem(String file, Long line, String record, String field, String message) {
}
