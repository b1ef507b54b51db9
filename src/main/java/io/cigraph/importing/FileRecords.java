package io.cigraph.importing;

import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The second pass over a file: its records, chunk by chunk as the parser streams them, each chunk
 * mapped and checked against the shapes on its own. Only a chunk is in memory at a time, beside
 * what {@link RelationCounts} keeps to count relations over the whole file: its findings come as
 * a last chunk without records.
 */
final class FileRecords {

    private FileRecords() {
    }

    /**
     * One chunk's records and what the checks found in it.
     *
     * @param problems errors: the file must be rejected
     * @param warnings findings that do not block the import
     * @param sameAs   the chunk's {@code owl:sameAs} statements
     */
    record Chunk(List<ResourceRecord> resources, List<RelationRecord> relations, List<ImportProblem> problems,
                 List<ImportProblem> warnings, List<RecordMapper.SameAs> sameAs) {

        long records() {
            return resources.size() + (long) relations.size();
        }
    }

    /** Thrown by a chunk consumer that has seen enough: reading stops quietly. */
    static final class Stop extends RuntimeException {

        Stop() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads the file's records.
     *
     * @param sha256    the hash the scan found: a file that changed since is rejected
     * @param resources resources a chunk holds
     * @param types     the classes of resources a chunk names but does not describe (from the
     *                  import's other chunks and files, or the graph), by id
     * @param names     ids by folded name in the graph, for a spreadsheet's relations by name
     */
    static void read(ImportSource source, String sha256, Ontology ontology, int resources,
                     Function<Collection<String>, Map<String, List<String>>> types,
                     Function<Collection<String>, Map<String, List<String>>> names, Consumer<Chunk> chunks) {
        read(source, sha256, ontology, resources, types, names, ids -> List.of(), chunks);
    }

    /**
     * Reads the file's records, counting the relations of a resource the graph already has with
     * those other imports state about it (see {@link RelationCounts#findings(Function)}).
     *
     * @param relations the relations in the graph of the given resources, either direction, as other
     *                  imports (not earlier versions of this file) state them
     */
    static void read(ImportSource source, String sha256, Ontology ontology, int resources,
                     Function<Collection<String>, Map<String, List<String>>> types,
                     Function<Collection<String>, Map<String, List<String>>> names,
                     Function<Collection<String>, List<RelationRecord>> relations, Consumer<Chunk> chunks) {
        String file = source.name();
        MessageDigest digest = FileScan.newDigest();
        RelationCounts counts = new RelationCounts(ontology, file);
        List<ImportProblem> syntax;
        SpreadsheetMapping sheet = source.mapping();
        if (sheet != null) {
            digest.update(sheet.bytes());
        }
        try (InputStream in = new DigestInputStream(source.opener().open(), digest)) {
            try {
                Consumer<TurtleFile> mapAndCheck = turtle -> {
                    RecordMapper mapper = new RecordMapper(ontology, file, turtle, types);
                    RecordMapper.Mapped mapped = mapper.map();
                    List<ImportProblem> problems = new ArrayList<>(turtle.syntaxErrors());
                    problems.addAll(mapper.problems());
                    ShapeCheck.Result shapes = ShapeCheck.check(ontology, file, mapped, turtle);
                    problems.addAll(shapes.errors());
                    List<ImportProblem> warnings = shapes.warnings();
                    if (sheet != null) {
                        problems = Spreadsheet.atColumns(sheet, problems);
                        warnings = Spreadsheet.atColumns(sheet, warnings);
                    }
                    Chunk chunk = new Chunk(mapped.resources(), mapped.relations(), problems, warnings, mapped.sameAs());
                    counts.add(chunk);
                    chunks.accept(chunk);
                };
                syntax = sheet == null ? TurtleFile.parseChunks(file, source.format(), in, ontology.baseIri(), resources, mapAndCheck)
                        : Spreadsheet.parseChunks(source, in, ontology, resources, new Spreadsheet.Lookups() {
                            @Override
                            public Map<String, List<String>> types(Collection<String> ids) {
                                return types.apply(ids);
                            }

                            @Override
                            public Map<String, List<String>> idsByName(Collection<String> folded) {
                                return names.apply(folded);
                            }
                        }, mapAndCheck);
            } catch (Stop stop) {
                return;
            }
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!syntax.isEmpty() || !HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
            throw new ImportRejectedException(file, List.of(new ImportProblem(file, null, null, null,
                    "The file changed while it was being imported: import it again once it is complete.")));
        }
        Chunk whole = counts.findings(relations);
        if (!whole.problems().isEmpty() || !whole.warnings().isEmpty()) {
            chunks.accept(whole);
        }
    }
}
