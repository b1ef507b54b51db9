package io.cigraph.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to import, opened afresh for each pass over it: the import reads a file twice (a quick
 * scan, then the records) rather than hold it in memory.
 *
 * @param name   file name for messages and the ledger
 * @param size   bytes, for progress
 * @param opener opens the content from its start
 */
record ImportSource(String name, long size, Opener opener) {

    ImportSource {
        Objects.requireNonNull(name, "file name is required");
        Objects.requireNonNull(opener, "content is required");
    }

    /** Opens the content; may be called more than once. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    static ImportSource of(Path file) {
        return of(file.getFileName().toString(), file);
    }

    /** A file imported under another name than its own (an upload spooled to a temporary file). */
    static ImportSource of(String name, Path file) {
        try {
            return new ImportSource(name, Files.size(file), () -> Files.newInputStream(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static ImportSource of(String name, byte[] content) {
        Objects.requireNonNull(content, "content is required");
        return new ImportSource(name, content.length, () -> new ByteArrayInputStream(content));
    }
}
