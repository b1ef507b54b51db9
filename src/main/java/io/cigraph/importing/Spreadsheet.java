package io.cigraph.importing;

import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;

/**
 * A CSV or TSV file read through its {@link SpreadsheetMapping}. Each row becomes the triples a
 * Turtle file would state for it (type, names, properties, relations with their provenance as
 * RDF 1.2 reifiers), handed on in chunks with the row's line on every triple, so that the records
 * are mapped and checked by the very code that maps and checks Turtle ({@link RecordMapper},
 * {@link ShapeCheck}, {@link RelationCounts}): a spreadsheet can state nothing a Turtle file could
 * not, and is held to the same rules. What only a spreadsheet can get wrong (its quoting, its
 * header, a cell that is not a date or names nobody) is found here and named by line and column.
 */
final class Spreadsheet {

    /** What a chunk asks of the import and the graph about resources outside the file. */
    interface Lookups {

        /** Stated classes by id, from this import's files or the graph; unknown ids are absent. */
        Map<String, List<String>> types(Collection<String> ids);

        /** Ids by name (label or alias, folded as {@link SpreadsheetMapping#fold} does) in the graph. */
        Map<String, List<String>> idsByName(Collection<String> names);
    }

    private static final Pattern YEAR = Pattern.compile("-?\\d{4}");
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");

    private final ImportSource source;
    private final SpreadsheetMapping mapping;
    private final Ontology ontology;
    private final String file;
    private final List<ImportProblem> problems = new ArrayList<>();
    private Map<String, Integer> columns;

    private Spreadsheet(ImportSource source, Ontology ontology) {
        this.source = source;
        this.mapping = source.mapping();
        this.ontology = ontology;
        this.file = source.name();
    }

    /** Whether a file name is a spreadsheet's: {@code .csv} or {@code .tsv}. */
    static boolean isSpreadsheet(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".tsv");
    }

    /** The slug of a name, as ids are made: lower case, accents dropped, every run of other characters one hyphen. */
    static String slug(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = NOT_SLUG.matcher(plain.toLowerCase(java.util.Locale.ROOT)).replaceAll("-");
        return slug.replaceAll("^-+|-+$", "");
    }

    /**
     * The first pass: the hash (of the mapping and the file), the header against the mapping, each
     * row's id and class (declared for the chunks of the second pass), and counts for progress.
     */
    static FileScan scan(ImportSource source, Ontology ontology, Map<String, List<String>> declared) {
        Spreadsheet sheet = new Spreadsheet(source, ontology);
        MessageDigest digest = FileScan.newDigest();
        digest.update(source.mapping().bytes());
        long[] counts = new long[2];
        try (InputStream in = new DigestInputStream(source.opener().open(), digest)) {
            Map<List<String>, List<String>> shared = new HashMap<>();
            Map<String, Long> lines = new HashMap<>();
            SpreadsheetMapping.SourceSpec spec = sheet.mapping.source();
            if (spec.declared()) {
                FileScan.declare(declared, shared, spec.id(), List.of("Source"));
            }
            sheet.rows(in, row -> {
                if (sheet.mapping.table() != null) {
                    counts[1]++;
                    return;
                }
                counts[0]++;
                String id = sheet.id(row);
                List<String> types = sheet.types(row, id);
                if (id == null) {
                    return;
                }
                Long earlier = lines.putIfAbsent(id, row.line());
                if (earlier != null) {
                    sheet.problem(row.line(), id, sheet.idColumn(), "The id '" + id + "' is also the row at line " + earlier
                            + ": give each resource one row (two names that slug alike need an id column).");
                }
                if (!types.isEmpty()) {
                    FileScan.declare(declared, shared, id, types);
                }
                for (SpreadsheetMapping.RelationColumn r : sheet.mapping.relations()) {
                    counts[1] += sheet.split(sheet.cell(row, r.column()), r.separator()).size();
                }
            });
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + sheet.file + ": " + e.getMessage(), e);
        }
        return FileScan.of(HexFormat.of().formatHex(digest.digest()), counts[0], counts[1], counts[0] + counts[1],
                sheet.problems);
    }

    /**
     * The second pass: the file's rows as Turtle-like chunks of {@code rows} rows, each chunk's
     * cell problems in its {@link TurtleFile#syntaxErrors()}. Names are resolved against the
     * whole file (read once more for them first), then the graph, then the ids this import declares.
     * Returns problems of the file as a whole (none once the scan has passed, unless it changed).
     */
    static List<ImportProblem> parseChunks(ImportSource source, InputStream in, Ontology ontology, int rows,
                                           Lookups lookups, Consumer<TurtleFile> chunk) {
        Spreadsheet sheet = new Spreadsheet(source, ontology);
        Map<String, Set<String>> names = new HashMap<>();
        try (InputStream again = source.opener().open()) {
            Spreadsheet namer = new Spreadsheet(source, ontology);
            namer.rows(again, row -> namer.names(row, names));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + sheet.file + ": " + e.getMessage(), e);
        }
        List<CsvRows.Row> pending = new ArrayList<>();
        boolean[] first = {true};
        Consumer<List<CsvRows.Row>> flush = batch -> {
            ChunkBuilder builder = sheet.new ChunkBuilder(names, lookups);
            if (first[0]) {
                builder.declaredSource();
                first[0] = false;
            }
            batch.forEach(builder::row);
            chunk.accept(builder.build());
        };
        try {
            sheet.rows(in, row -> {
                pending.add(row);
                if (pending.size() >= rows) {
                    flush.accept(List.copyOf(pending));
                    pending.clear();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + sheet.file + ": " + e.getMessage(), e);
        }
        if (!pending.isEmpty() || first[0]) {
            flush.accept(pending);
        }
        return sheet.problems;
    }

    /** Points problems the shared checks found at the column their field came from. */
    static List<ImportProblem> atColumns(SpreadsheetMapping mapping, List<ImportProblem> problems) {
        return problems.stream().map(p -> {
            String column = mapping.columnOf(p.field());
            return column == null ? p : new ImportProblem(p.file(), p.line(), p.record(), column + " (" + p.field() + ")", p.message());
        }).toList();
    }

    /**
     * Reads the header and hands on each row with as many cells as the header. Syntax, header and
     * cell-count problems go to {@link #problems}; reading stops at the first syntax error.
     */
    private void rows(InputStream in, Consumer<CsvRows.Row> each) throws IOException {
        char delimiter = mapping.delimiter() != 0 ? mapping.delimiter()
                : file.toLowerCase(java.util.Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
        // The tokenizer would close the stream; the caller reads the rest for the file's hash.
        InputStream unclosed = new java.io.FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
        try (CsvRows reader = new CsvRows(CsvRows.buffered(unclosed), delimiter)) {
            CsvRows.Row header = reader.next();
            if (header == null) {
                problem(0, null, null, "The file is empty: its first line names the columns, and each line after it is a row.");
                return;
            }
            if (!header(header)) {
                return;
            }
            for (CsvRows.Row row; (row = reader.next()) != null; ) {
                if (row.cells().size() != columns.size()) {
                    problem(row.line(), null, null, "This row has " + row.cells().size() + " cells and the header "
                            + columns.size() + ": quote a cell that holds the delimiter ("
                            + (delimiter == '\t' ? "tab" : "'" + delimiter + "'") + ").");
                    continue;
                }
                each.accept(row);
            }
        } catch (CsvRows.SyntaxException e) {
            problem(e.line(), null, "column " + e.column(), e.getMessage());
        } catch (StrictReader.InvalidBytesException e) {
            problem(e.line(), null, null, e.getMessage() + " (a spreadsheet is UTF-8, or UTF-16 with a byte order mark)");
        }
    }

    /** Checks the header against the mapping: every column it reads is there, and every column there is read or ignored. */
    private boolean header(CsvRows.Row header) {
        columns = new HashMap<>();
        for (int i = 0; i < header.cells().size(); i++) {
            String name = header.cells().get(i).strip();
            if (columns.putIfAbsent(name, i) != null) {
                problem(header.line(), null, name, "The column '" + name + "' is in the header twice (columns "
                        + (columns.get(name) + 1) + " and " + (i + 1) + "): rename one.");
            }
        }
        Set<String> wanted = mapping.columns();
        List<String> missing = wanted.stream().filter(c -> !columns.containsKey(c)).toList();
        List<String> unknown = header.cells().stream().map(String::strip)
                .filter(c -> !wanted.contains(c) && !mapping.ignored().contains(c)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            String message = "The header does not match the mapping " + mapping.file() + ":"
                    + (missing.isEmpty() ? "" : " missing " + quoted(missing) + " (the mapping reads them; add them or change the mapping);")
                    + (unknown.isEmpty() ? "" : " unknown " + quoted(unknown) + " (map them, or list them under 'ignore').");
            problem(header.line(), null, null, message);
            return false;
        }
        return true;
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }

    /** The row's id, or {@code null} (with a problem) when it has none. */
    private String id(CsvRows.Row row) {
        String id = mapping.idColumn() == null ? "" : cell(row, mapping.idColumn()).strip();
        if (id.isEmpty() && mapping.idFrom() != null) {
            id = slug(cell(row, mapping.idFrom()));
        }
        if (id.isEmpty()) {
            problem(row.line(), null, idColumn(), "The row has no id" + (mapping.idFrom() != null
                    ? " and its '" + mapping.idFrom() + "' has no letter or digit to make one of: give it an id."
                    : ": fill in its '" + mapping.idColumn() + "' cell."));
            return null;
        }
        return id;
    }

    private String idColumn() {
        return mapping.idColumn() != null ? mapping.idColumn() : mapping.idFrom();
    }

    /**
     * The row's classes (one, or several with the class column's separator, as the export writes
     * {@code types}); empty, with a problem, when a cell names none the mapping or the ontology knows.
     */
    private List<String> types(CsvRows.Row row, String id) {
        if (mapping.fixedClass() != null) {
            return List.of(mapping.fixedClass());
        }
        String cell = cell(row, mapping.classColumn());
        List<String> values = mapping.classSeparator() == null ? List.of(cell) : split(cell, mapping.classSeparator());
        List<String> types = new ArrayList<>();
        for (String value : values.isEmpty() ? List.of("") : values) {
            String type = mapping.classValues().get(SpreadsheetMapping.fold(value));
            if (type == null && !value.isBlank() && ontology.findClass(value.strip()).isPresent()) {
                type = value.strip();
            }
            if (type == null) {
                problem(row.line(), id, at(mapping.classColumn()), "'" + value + "' is not a class: use "
                        + (mapping.classValues().isEmpty() ? "" : "one of " + String.join(", ", mapping.classValues().keySet())
                        + " (class.values in " + mapping.file() + "), or ") + "a class of the ontology.");
                return List.of();
            }
            types.add(type);
        }
        return types;
    }

    private void names(CsvRows.Row row, Map<String, Set<String>> names) {
        if (mapping.table() != null) {
            return;
        }
        String id = mapping.idColumn() == null ? "" : cell(row, mapping.idColumn()).strip();
        if (id.isEmpty() && mapping.idFrom() != null) {
            id = slug(cell(row, mapping.idFrom()));
        }
        if (id.isEmpty()) {
            return;
        }
        List<String> all = new ArrayList<>();
        all.add(cell(row, mapping.label()));
        for (SpreadsheetMapping.AliasColumn a : mapping.aliases()) {
            all.addAll(split(cell(row, a.column()), a.separator()));
        }
        for (String name : all) {
            if (!name.isBlank()) {
                names.computeIfAbsent(SpreadsheetMapping.fold(name), k -> new LinkedHashSet<>()).add(id);
            }
        }
    }

    private String cell(CsvRows.Row row, String column) {
        return row.cells().get(columns.get(column));
    }

    /** A column's name with its position, as problems name it: {@code vendor (column 3)}. */
    private String at(String column) {
        return column + " (column " + (columns.get(column) + 1) + ")";
    }

    /**
     * A cell's values. With a separator, a backslash before the separator or before another
     * backslash makes it part of the value ({@code a\|b} is one value), as the export writes an
     * item that holds the separator; any other backslash is itself.
     */
    static List<String> split(String cell, String separator) {
        List<String> values = new ArrayList<>();
        if (separator == null || separator.isEmpty()) {
            if (!cell.isBlank()) {
                values.add(cell.strip());
            }
            return values;
        }
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < cell.length(); ) {
            if (cell.charAt(i) == '\\' && cell.startsWith(separator, i + 1)) {
                value.append(separator);
                i += 1 + separator.length();
            } else if (cell.startsWith("\\\\", i)) {
                value.append('\\');
                i += 2;
            } else if (cell.startsWith(separator, i)) {
                addValue(values, value);
                i += separator.length();
            } else {
                value.append(cell.charAt(i++));
            }
        }
        addValue(values, value);
        return values;
    }

    private static void addValue(List<String> values, StringBuilder value) {
        if (!value.isEmpty() && !value.toString().isBlank()) {
            values.add(value.toString().strip());
        }
        value.setLength(0);
    }

    private void problem(long line, String record, String field, String message) {
        if (problems.size() < Findings.MAX) {
            problems.add(new ImportProblem(file, line > 0 ? line : null, record, field, message));
        }
    }

    /** The triples of one chunk of rows, with the row's line on each. */
    private final class ChunkBuilder {

        private final Graph graph = GraphFactory.createGraphMem();
        private final Map<Triple, Long> lines = new HashMap<>();
        /** A set: a column read twice (a date as a property and as validFrom) is one problem. */
        private final Set<ImportProblem> cellProblems = new LinkedHashSet<>();
        private final Map<String, Set<String>> names;
        private final Lookups lookups;
        private final List<CsvRows.Row> rows = new ArrayList<>();
        private boolean declareSource;

        ChunkBuilder(Map<String, Set<String>> names, Lookups lookups) {
            this.names = names;
            this.lookups = lookups;
        }

        void declaredSource() {
            declareSource = mapping.source().declared();
        }

        void row(CsvRows.Row row) {
            rows.add(row);
        }

        TurtleFile build() {
            if (declareSource) {
                SpreadsheetMapping.SourceSpec s = mapping.source();
                Node subject = iri(s.id());
                add(subject, RDF.type.asNode(), term("Source"), 0);
                add(subject, RDFS.label.asNode(), NodeFactory.createLiteralString(s.title()), 0);
                add(subject, term("title"), NodeFactory.createLiteralString(s.title()), 0);
                if (s.publisher() != null) {
                    add(subject, term("publisher"), NodeFactory.createLiteralString(s.publisher()), 0);
                }
                if (s.date() != null) {
                    add(subject, term("publishedOn"), NodeFactory.createLiteralDT(s.date().toString(), XSDDatatype.XSDdate), 0);
                }
                if (s.url() != null) {
                    add(subject, term("url"), NodeFactory.createLiteralDT(s.url(), XSDDatatype.XSDanyURI), 0);
                }
            }
            Map<String, List<String>> elsewhere = targetsOutsideTheFile();
            for (CsvRows.Row row : rows) {
                write(row, elsewhere);
            }
            return TurtleFile.of(graph, lines, List.copyOf(cellProblems));
        }

        /** Names the chunk's relations give that the file does not: looked up in the graph, then as ids, all at once. */
        private Map<String, List<String>> targetsOutsideTheFile() {
            Set<String> wanted = new LinkedHashSet<>();
            for (CsvRows.Row row : rows) {
                for (SpreadsheetMapping.RelationColumn r : mapping.relations()) {
                    if (r.byName()) {
                        split(cell(row, r.column()), r.separator()).stream().map(SpreadsheetMapping::fold)
                                .filter(n -> !names.containsKey(n)).forEach(wanted::add);
                    }
                }
            }
            if (wanted.isEmpty()) {
                return Map.of();
            }
            Map<String, List<String>> found = new HashMap<>(lookups.idsByName(wanted));
            Map<String, String> bySlug = new HashMap<>();
            wanted.stream().filter(n -> !found.containsKey(n)).forEach(n -> bySlug.put(slug(n), n));
            bySlug.remove("");
            lookups.types(bySlug.keySet()).forEach((id, types) -> {
                if (!types.isEmpty()) {
                    found.put(bySlug.get(id), List.of(id));
                }
            });
            return found;
        }

        private void write(CsvRows.Row row, Map<String, List<String>> elsewhere) {
            if (mapping.table() != null) {
                relationRow(row);
                return;
            }
            String id = id(row);
            List<String> types = types(row, id);
            if (id == null) {
                return;
            }
            long line = row.line();
            Node subject = iri(id);
            for (String type : types) {
                add(subject, RDF.type.asNode(), term(type), line);
            }
            String label = cell(row, mapping.label()).strip();
            if (!label.isEmpty()) {
                add(subject, RDFS.label.asNode(), NodeFactory.createLiteralString(label), line);
            }
            if (mapping.description() != null && !cell(row, mapping.description()).isBlank()) {
                add(subject, DCTerms.description.asNode(), NodeFactory.createLiteralString(cell(row, mapping.description()).strip()), line);
            }
            for (SpreadsheetMapping.AliasColumn a : mapping.aliases()) {
                for (String alias : split(cell(row, a.column()), a.separator())) {
                    add(subject, SKOS.altLabel.asNode(), NodeFactory.createLiteralLang(alias, a.language()), line);
                }
            }
            for (SpreadsheetMapping.PropertyColumn p : mapping.properties()) {
                for (String value : split(cell(row, p.column()), p.separator())) {
                    Node literal = literal(row, id, p, value);
                    if (literal != null) {
                        add(subject, NodeFactory.createURI(p.property().iri()), literal, line);
                    }
                }
            }
            List<Triple> relations = new ArrayList<>();
            for (SpreadsheetMapping.RelationColumn r : mapping.relations()) {
                for (String value : split(cell(row, r.column()), r.separator())) {
                    String target = r.byName() ? byName(row, id, r, value, elsewhere) : value;
                    if (target != null) {
                        relations.add(Triple.create(subject, NodeFactory.createURI(r.property().iri()), iri(target)));
                    }
                }
            }
            if (!relations.isEmpty()) {
                List<Triple> annotations = provenance(row, id);
                for (Triple t : relations) {
                    annotated(t, annotations, line);
                }
            }
        }

        private void annotated(Triple t, List<Triple> annotations, long line) {
            add(t, line);
            Node reifier = NodeFactory.createBlankNode();
            add(reifier, RecordMapper.REIFIES, NodeFactory.createTripleTerm(t), line);
            annotations.forEach(a -> add(reifier, a.getPredicate(), a.getObject(), line));
        }

        /**
         * A row of a table of relations: one relation with the row's provenance, or, for a property
         * that structures an observation ({@code observationOf}, {@code source}, ...), the link alone,
         * as Turtle states it. Unknown ids are left to the mapper, which names them as for Turtle.
         */
        private void relationRow(CsvRows.Row row) {
            SpreadsheetMapping.RelationTable table = mapping.table();
            String subject = cell(row, table.subject()).strip();
            String name = cell(row, table.predicate()).strip();
            String object = cell(row, table.object()).strip();
            for (String[] c : new String[][] {{subject, table.subject()}, {name, table.predicate()}, {object, table.object()}}) {
                if (c[0].isEmpty()) {
                    cellProblems.add(new ImportProblem(file, row.line(), subject.isEmpty() ? null : subject, at(c[1]),
                            "The cell is empty: a relation has a subject, a predicate and an object"
                                    + (c[1].equals(table.predicate()) ? " (a relation of the ontology, such as develops)." : " (ids).")));
                }
            }
            if (subject.isEmpty() || name.isEmpty() || object.isEmpty()) {
                return;
            }
            var property = ontology.findProperty(name).filter(p -> p.objectProperty() && !p.link()).orElse(null);
            if (property == null) {
                cellProblems.add(new ImportProblem(file, row.line(), subject, at(table.predicate()), "'" + name
                        + "' is not a relation of the ontology: use one such as develops or runs (see GET /api/ontology)."));
                return;
            }
            Triple t = Triple.create(iri(subject), NodeFactory.createURI(property.iri()), iri(object));
            if (property.relation()) {
                annotated(t, provenance(row, subject), row.line());
            } else {
                add(t, row.line());
            }
        }

        private String byName(CsvRows.Row row, String id, SpreadsheetMapping.RelationColumn r, String name,
                              Map<String, List<String>> elsewhere) {
            String folded = SpreadsheetMapping.fold(name);
            Set<String> inFile = names.get(folded);
            Collection<String> ids = inFile != null ? inFile : elsewhere.getOrDefault(folded, List.of());
            if (ids.size() == 1) {
                return ids.iterator().next();
            }
            cellProblems.add(new ImportProblem(file, row.line(), id, at(r.column()), ids.isEmpty()
                    ? "No resource in this file or the graph is named '" + name + "' (label or alias, case aside): "
                    + "fix the name, add a row for it, or import it first."
                    : "'" + name + "' names " + ids.size() + " resources (" + String.join(", ", ids)
                    + "): write a name that only one has, or map the column 'by: id'."));
            return null;
        }

        /** The row's provenance as the predicate-object pairs of a reifier. */
        private List<Triple> provenance(CsvRows.Row row, String id) {
            List<Triple> pairs = new ArrayList<>();
            Node none = NodeFactory.createBlankNode();
            SpreadsheetMapping.SourceSpec s = mapping.source();
            String source = s.column() != null ? cell(row, s.column()).strip() : s.id();
            if (source == null || source.isEmpty()) {
                cellProblems.add(new ImportProblem(file, row.line(), id, at(s.column()),
                        "The row states relations and names no source: give the id of its source."));
            } else {
                pairs.add(Triple.create(none, term("source"), iri(source)));
            }
            String evidence = text(row, mapping.evidence());
            if (evidence != null) {
                pairs.add(Triple.create(none, term("evidence"), NodeFactory.createLiteralString(evidence)));
            }
            String confidence = text(row, mapping.confidence());
            if (confidence != null) {
                try {
                    new BigDecimal(confidence);
                    pairs.add(Triple.create(none, term("confidence"), NodeFactory.createLiteralDT(confidence, XSDDatatype.XSDdecimal)));
                } catch (NumberFormatException e) {
                    cellProblems.add(new ImportProblem(file, row.line(), id, at(mapping.confidence().column()),
                            "'" + confidence + "' is not a number: a confidence is from 0 to 1, such as 0.8."));
                }
            }
            for (var entry : List.of(Map.entry("validFrom", mapping.validFrom() == null ? NO_VALUE : mapping.validFrom()),
                    Map.entry("validTo", mapping.validTo() == null ? NO_VALUE : mapping.validTo()))) {
                SpreadsheetMapping.Value v = entry.getValue();
                String value = text(row, v);
                if (value != null) {
                    LocalDate date = date(row, id, v.column(), value, v.format());
                    if (date != null) {
                        pairs.add(Triple.create(none, term(entry.getKey()), NodeFactory.createLiteralDT(date.toString(), XSDDatatype.XSDdate)));
                    }
                }
            }
            return pairs;
        }

        private String text(CsvRows.Row row, SpreadsheetMapping.Value v) {
            if (v == null || v == NO_VALUE) {
                return null;
            }
            String value = v.column() != null ? cell(row, v.column()).strip() : v.fixed();
            return value == null || value.isEmpty() ? null : value;
        }

        private Node literal(CsvRows.Row row, String id, SpreadsheetMapping.PropertyColumn p, String value) {
            try {
                return switch (p.datatype()) {
                    case "integer" -> NodeFactory.createLiteralDT(Long.toString(Long.parseLong(value)), XSDDatatype.XSDinteger);
                    case "decimal" -> NodeFactory.createLiteralDT(new BigDecimal(value).toPlainString(), XSDDatatype.XSDdecimal);
                    case "number" -> WHOLE.matcher(value).matches()
                            ? NodeFactory.createLiteralDT(new java.math.BigInteger(value).toString(), XSDDatatype.XSDinteger)
                            : NodeFactory.createLiteralDT(new BigDecimal(value).toPlainString(), XSDDatatype.XSDdecimal);
                    case "iri" -> NodeFactory.createURI(value);
                    case "boolean" -> NodeFactory.createLiteralDT(bool(value), XSDDatatype.XSDboolean);
                    case "date" -> {
                        LocalDate date = date(row, id, p.column(), value, p.format());
                        yield date == null ? null : NodeFactory.createLiteralDT(date.toString(), XSDDatatype.XSDdate);
                    }
                    case "gYear" -> {
                        if (p.format() == null && YEAR.matcher(value).matches()) {
                            yield NodeFactory.createLiteralDT(value, XSDDatatype.XSDgYear);
                        }
                        LocalDate date = date(row, id, p.column(), value, p.format());
                        yield date == null ? null : NodeFactory.createLiteralDT(String.format("%04d", date.getYear()), XSDDatatype.XSDgYear);
                    }
                    case "anyURI" -> NodeFactory.createLiteralDT(value, XSDDatatype.XSDanyURI);
                    default -> NodeFactory.createLiteralString(value);
                };
            } catch (NumberFormatException e) {
                cellProblems.add(new ImportProblem(file, row.line(), id, at(p.column()), "'" + value + "' is not "
                        + switch (p.datatype()) {
                            case "integer" -> "a whole number such as 8";
                            case "boolean" -> "true or false (or yes or no)";
                            default -> "a number such as 4.5 (a point before the decimals, no unit or thousands separator)";
                        } + (p.unit() != null ? ", in " + p.unit() : "") + "."));
                return null;
            }
        }

        private static String bool(String value) {
            return switch (SpreadsheetMapping.fold(value)) {
                case "true", "yes" -> "true";
                case "false", "no" -> "false";
                default -> throw new NumberFormatException(value);
            };
        }

        private LocalDate date(CsvRows.Row row, String id, String column, String value, String format) {
            try {
                return format == null ? LocalDate.parse(value)
                        : LocalDate.parse(value, SpreadsheetMapping.formatter(format));
            } catch (DateTimeParseException e) {
                String where = column == null ? "provenance" : at(column);
                cellProblems.add(new ImportProblem(file, row.line(), id, where, "'" + value + "' is not a date "
                        + (format == null ? "written like 2024-03-15" : "in the mapping's format " + format) + "."));
                return null;
            }
        }

        private void add(Node s, Node p, Node o, long line) {
            add(Triple.create(s, p, o), line);
        }

        private void add(Triple t, long line) {
            graph.add(t);
            if (line > 0) {
                lines.putIfAbsent(t, line);
            }
        }

        private Node iri(String id) {
            return NodeFactory.createURI(ontology.iriOf(id));
        }

        private Node term(String name) {
            return NodeFactory.createURI(ontology.termIri(name));
        }
    }

    private static final SpreadsheetMapping.Value NO_VALUE = new SpreadsheetMapping.Value(null, null, null);
}
