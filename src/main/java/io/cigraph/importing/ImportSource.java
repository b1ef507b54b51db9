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
 * @param format the syntax it is in
 * @param opener opens the content from its start
 */
record ImportSource(String name, long size, ImportFormat format, Opener opener) {

    ImportSource {
        Objects.requireNonNull(name, "file name is required");
        Objects.requireNonNull(format, "format is required");
        Objects.requireNonNull(opener, "content is required");
    }

    /** Opens the content; may be called more than once. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    /** A file in the format its extension names; one without a known extension is read as Turtle. */
    static ImportSource of(Path file) {
        String name = file.getFileName().toString();
        return of(name, file, ImportFormat.ofFileName(name).orElse(ImportFormat.TURTLE));
    }

    /** A file imported under another name than its own (an upload spooled to a temporary file). */
    static ImportSource of(String name, Path file, ImportFormat format) {
        try {
            return new ImportSource(name, Files.size(file), format, () -> Files.newInputStream(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static ImportSource of(String name, byte[] content) {
        return of(name, content, ImportFormat.ofFileName(name).orElse(ImportFormat.TURTLE));
    }

    static ImportSource of(String name, byte[] content, ImportFormat format) {
        Objects.requireNonNull(content, "content is required");
        return new ImportSource(name, content.length, format, () -> new ByteArrayInputStream(content));
    }
}
