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
 * @param format the syntax it is in (a spreadsheet's is Turtle's, the triples its mapping states)
 * @param opener opens the content from its start
 * @param mapping what a spreadsheet's columns mean, or {@code null} for RDF
 */
record ImportSource(String name, long size, ImportFormat format, Opener opener, SpreadsheetMapping mapping) {

    ImportSource(String name, long size, ImportFormat format, Opener opener) {
        this(name, size, format, opener, null);
    }

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

    /** A file; a spreadsheet ({@code .csv}, {@code .tsv}) with the mapping beside it ({@code devices.mapping.yaml}). */
    static ImportSource of(Path file, io.cigraph.ontology.Ontology ontology) {
        ImportSource source = of(file);
        return Spreadsheet.isSpreadsheet(source.name()) ? source.withMapping(mappingBeside(file), ontology) : source;
    }

    /** The mapping file of a spreadsheet: {@code devices.csv} has {@code devices.mapping.yaml} beside it. */
    static Path mappingBeside(Path spreadsheet) {
        String name = spreadsheet.getFileName().toString();
        return spreadsheet.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".mapping.yaml");
    }

    /**
     * This spreadsheet with its mapping, read and checked.
     *
     * @throws java.io.UncheckedIOException when the mapping cannot be read
     * @throws ImportRejectedException when the mapping has problems
     */
    ImportSource withMapping(Path mapping, io.cigraph.ontology.Ontology ontology) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(mapping);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the mapping of " + name + ", " + mapping
                    + ": a spreadsheet is imported with a mapping file of that name beside it (see README, \"Spreadsheets\").", e);
        }
        return new ImportSource(name, size, format, opener, SpreadsheetMapping.read(mapping.getFileName().toString(), bytes, ontology));
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
