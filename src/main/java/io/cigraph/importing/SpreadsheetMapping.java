package io.cigraph.importing;

import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyProperty;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What the columns of a spreadsheet mean, read from a small YAML file (README, "Spreadsheets"):
 * the id, the name and aliases, the class, literal properties, relations, and where each row's
 * provenance comes from. Everything it names is checked against the ontology as it is read, so a
 * mapping with a wrong property or class is rejected before any row is: its problems name the
 * mapping file and the key to change.
 *
 * @param file          the mapping's file name, for messages
 * @param bytes         its content: part of the import's hash, so a changed mapping is a new batch
 * @param delimiter     the cell delimiter, or {@code 0} to take it from the data file's extension
 * @param idColumn      column holding ids, or {@code null}
 * @param idFrom        column whose slug is the id when there is no id (or its cell is empty), or {@code null}
 * @param label         column of the preferred name
 * @param description   column of the description, or {@code null}
 * @param aliases       alias columns
 * @param fixedClass    the class of every row, or {@code null} when a column says it
 * @param classColumn   column naming the class, or {@code null}
 * @param classValues   cell value (lower case) to class, for {@code classColumn}
 * @param classSeparator separator of several classes in one {@code classColumn} cell, or {@code null}
 * @param properties    literal property columns
 * @param relations     relation columns
 * @param ignored       columns the file has and the import leaves out
 * @param source        where the rows' source comes from
 * @param evidence      where each row's evidence comes from, or {@code null}
 * @param confidence    where each row's confidence comes from, or {@code null}
 * @param validFrom     where each row's first day comes from, or {@code null}
 * @param validTo       where each row's last day comes from, or {@code null}
 * @param table         for a table of relations ({@code rows: relations}), its subject, predicate
 *                      and object columns; {@code null} when each row is a resource
 */
record SpreadsheetMapping(String file, byte[] bytes, char delimiter, String idColumn, String idFrom, String label,
                          String description, List<AliasColumn> aliases, String fixedClass, String classColumn,
                          Map<String, String> classValues, String classSeparator, List<PropertyColumn> properties,
                          List<RelationColumn> relations, Set<String> ignored, SourceSpec source, Value evidence,
                          Value confidence, Value validFrom, Value validTo, RelationTable table) {

    /**
     * The columns of a table whose rows are relations, one each, as the CSV export writes
     * {@code relations.csv}: the subject's and the object's ids and the relation's name (an inverse
     * name is stored forwards, as everywhere).
     */
    record RelationTable(String subject, String predicate, String object) {
    }

    /** A column of other names in one language, several in a cell when a separator is given. */
    record AliasColumn(String column, String language, String separator) {
    }

    /** A column of literal values of one ontology property. */
    record PropertyColumn(String column, OntologyProperty property, String datatype, String unit,
                          String format, String separator) {
    }

    /** A column naming the targets of one relation, by id or by name. */
    record RelationColumn(String column, OntologyProperty property, boolean byName, String separator) {
    }

    /** A value fixed for the file, or taken from a column (with a date format when it is a date). */
    record Value(String fixed, String column, String format) {
    }

    /**
     * The source of the rows: one declared in the mapping ({@code id} with {@code title} and the
     * rest, written as a resource of the import), one already in the graph ({@code id} alone), or
     * a column of source ids.
     */
    record SourceSpec(String id, String column, String title, String publisher, LocalDate date, String url) {

        boolean declared() {
            return id != null && title != null;
        }
    }

    /**
     * {@code number} is a whole number or a decimal by the cell, as Turtle reads a bare number: a
     * column the export wrote from a property holding both keeps each value's kind. {@code iri}
     * is for links to other knowledge bases ({@code sameAs}, {@code exactMatch}, {@code seeAlso}).
     */
    private static final List<String> DATATYPES = List.of("string", "integer", "decimal", "number", "boolean", "date",
            "gYear", "anyURI", "iri");

    /** Every column the mapping reads, in the order it names them. */
    Set<String> columns() {
        Set<String> columns = new LinkedHashSet<>();
        if (table != null) {
            columns.add(table.subject());
            columns.add(table.predicate());
            columns.add(table.object());
        }
        add(columns, idColumn);
        add(columns, idFrom);
        add(columns, label);
        add(columns, description);
        aliases.forEach(a -> columns.add(a.column()));
        add(columns, classColumn);
        properties.forEach(p -> columns.add(p.column()));
        relations.forEach(r -> columns.add(r.column()));
        add(columns, source.column());
        for (Value v : new Value[] {evidence, confidence, validFrom, validTo}) {
            if (v != null) {
                add(columns, v.column());
            }
        }
        return columns;
    }

    private static void add(Set<String> columns, String column) {
        if (column != null) {
            columns.add(column);
        }
    }

    /** The column a problem about an ontology field is about: for pointing a shape's finding at a cell. */
    String columnOf(String field) {
        for (PropertyColumn p : properties) {
            if (p.property().name().equals(field)) {
                return p.column();
            }
        }
        if (field != null && field.contains(" / ")) {
            // A relation's provenance: "develops -> x / evidence".
            Value v = switch (field.substring(field.indexOf(" / ") + 3)) {
                case "source" -> new Value(null, source.column(), null);
                case "evidence" -> evidence;
                case "confidence" -> confidence;
                case "validFrom" -> validFrom;
                case "validTo" -> validTo;
                default -> null;
            };
            return v == null ? null : v.column();
        }
        if (table != null) {
            // A subject nobody knows is a resource without a type; a target nobody knows is a
            // problem of the relation's own field; the shapes' findings name "p -> o".
            // A cell's own problem already names its column.
            return "rdf:type".equals(field) ? table.subject() : field != null && field.contains(" -> ") ? table.predicate()
                    : field != null && field.matches("[A-Za-z]+") ? table.object() : null;
        }
        for (RelationColumn r : relations) {
            // Stored forwards: a column of developedBy is reported as develops.
            String predicate = field == null ? "" : field.split(" ")[0];
            if (predicate.equals(r.property().name()) || predicate.equals(r.property().inverse())) {
                return r.column();
            }
        }
        return switch (field == null ? "" : field) {
            case "rdfs:label" -> label;
            case "dcterms:description" -> description;
            case "rdf:type" -> classColumn;
            default -> null;
        };
    }

    /**
     * Reads and checks a mapping.
     *
     * @throws ImportRejectedException naming the mapping file, with every problem found in it
     */
    static SpreadsheetMapping read(String file, byte[] bytes, Ontology ontology) {
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(bytes, StandardCharsets.UTF_8));
        } catch (MarkedYAMLException e) {
            throw reject(file, List.of(new ImportProblem(file, (long) e.getProblemMark().getLine() + 1, null, null,
                    "YAML syntax error: " + e.getProblem())));
        } catch (YAMLException e) {
            throw reject(file, List.of(new ImportProblem(file, null, null, null, "YAML syntax error: " + e.getMessage())));
        }
        if (!(loaded instanceof Map<?, ?> root)) {
            throw reject(file, List.of(new ImportProblem(file, null, null, null,
                    "A mapping is a YAML map with at least 'label' and 'class'; see README, \"Spreadsheets\".")));
        }
        return new Reader(file, bytes, ontology).read(root);
    }

    private static ImportRejectedException reject(String file, List<ImportProblem> problems) {
        return new ImportRejectedException(file, problems);
    }

    /** Reads the YAML tree, gathering every problem rather than stopping at the first. */
    private static final class Reader {

        private static final Set<String> KEYS = Set.of("delimiter", "id", "label", "description", "aliases", "class",
                "properties", "relations", "ignore", "provenance", "rows", "subject", "predicate", "object");
        private static final Set<String> RESOURCE_KEYS = Set.of("id", "label", "description", "aliases", "class",
                "properties", "relations");
        private static final List<String> TABLE_KEYS = List.of("subject", "predicate", "object");

        private final String file;
        private final byte[] bytes;
        private final Ontology ontology;
        private final List<ImportProblem> problems = new ArrayList<>();

        Reader(String file, byte[] bytes, Ontology ontology) {
            this.file = file;
            this.bytes = bytes;
            this.ontology = ontology;
        }

        SpreadsheetMapping read(Map<?, ?> root) {
            root.keySet().stream().filter(k -> !KEYS.contains(String.valueOf(k))).forEach(k ->
                    problem(String.valueOf(k), "Unknown key; a mapping has " + String.join(", ", sorted(KEYS)) + "."));
            char delimiter = delimiter(root.get("delimiter"));
            Object rows = root.get("rows");
            if (rows != null && !"resources".equals(rows) && !"relations".equals(rows)) {
                problem("rows", "'rows' is resources (a resource a row, the default) or relations (a relation a row).");
            }
            if ("relations".equals(rows)) {
                return relationTable(root, delimiter);
            }
            TABLE_KEYS.stream().filter(root::containsKey).forEach(k -> problem(k,
                    "'" + k + "' names a column of a table of relations: add 'rows: relations', or leave it out."));
            String idColumn = null;
            String idFrom = null;
            Object id = root.get("id");
            if (id instanceof String s) {
                idColumn = s;
            } else if (id instanceof Map<?, ?> m) {
                idColumn = text(m, "column", "id");
                idFrom = text(m, "from", "id");
            }
            if (idColumn == null && idFrom == null) {
                problem("id", "Say where ids come from: 'id: {column: id}', 'id: {from: name}' (the slug of the name), or both.");
            }
            String label = root.get("label") instanceof String s ? s : null;
            if (label == null) {
                problem("label", "Name the column of each row's name: 'label: name'.");
            }
            String description = root.get("description") instanceof String s ? s : null;
            List<AliasColumn> aliases = new ArrayList<>();
            int i = 0;
            for (Map<?, ?> a : maps(root.get("aliases"), "aliases")) {
                String key = "aliases[" + i++ + "]";
                String column = text(a, "column", key);
                String language = text(a, "language", key);
                if (column == null || language == null) {
                    problem(key, "An alias column has 'column' and 'language' (en, zh, ...), and may have a 'separator'.");
                } else {
                    aliases.add(new AliasColumn(column, language, text(a, "separator", key)));
                }
            }
            String fixedClass = null;
            String classColumn = null;
            Map<String, String> classValues = new LinkedHashMap<>();
            String classSeparator = null;
            Object type = root.get("class");
            if (type instanceof String s) {
                fixedClass = checkedClass(s, "class");
            } else if (type instanceof Map<?, ?> m) {
                classColumn = text(m, "column", "class");
                classSeparator = text(m, "separator", "class");
                if (m.get("values") instanceof Map<?, ?> values) {
                    values.forEach((k, v) -> classValues.put(fold(String.valueOf(k)),
                            checkedClass(String.valueOf(v), "class.values." + k)));
                }
                if (classColumn == null) {
                    problem("class", "A class from a column is 'class: {column: type, values: {phone: Smartphone, ...}}'"
                        + " (values optional when the cells are class names).");
                }
            } else {
                problem("class", "Give each row's class: 'class: Smartphone', or from a column with 'class: {column: type, values: {...}}'.");
            }
            List<PropertyColumn> properties = new ArrayList<>();
            i = 0;
            for (Map<?, ?> p : maps(root.get("properties"), "properties")) {
                PropertyColumn column = propertyColumn(p, "properties[" + i++ + "]");
                if (column != null) {
                    properties.add(column);
                }
            }
            List<RelationColumn> relations = new ArrayList<>();
            i = 0;
            for (Map<?, ?> r : maps(root.get("relations"), "relations")) {
                RelationColumn column = relationColumn(r, "relations[" + i++ + "]");
                if (column != null) {
                    relations.add(column);
                }
            }
            Set<String> ignored = ignored(root);
            RowProvenance p = provenance(root, relations.isEmpty());
            if (!problems.isEmpty()) {
                throw reject(file, problems);
            }
            return new SpreadsheetMapping(file, bytes, delimiter, idColumn, idFrom, label, description, aliases, fixedClass,
                    classColumn, classValues, classSeparator, properties, relations, ignored, p.source(), p.evidence(),
                    p.confidence(), p.validFrom(), p.validTo(), null);
        }

        /** A table of relations: three columns and the provenance, nothing a table of resources has. */
        private SpreadsheetMapping relationTable(Map<?, ?> root, char delimiter) {
            RESOURCE_KEYS.stream().filter(root::containsKey).forEach(k -> problem(k,
                    "A table of relations (rows: relations) has no '" + k + "': its rows are subject, predicate and object."));
            List<String> columns = new ArrayList<>();
            for (String key : TABLE_KEYS) {
                String column = root.get(key) instanceof String s ? s : null;
                if (column == null) {
                    problem(key, "Name the column of each relation's " + key + ": '" + key + ": " + key + "'.");
                }
                columns.add(column);
            }
            Set<String> ignored = ignored(root);
            RowProvenance p = provenance(root, false);
            if (!problems.isEmpty()) {
                throw reject(file, problems);
            }
            return new SpreadsheetMapping(file, bytes, delimiter, null, null, null, null, List.of(), null, null, Map.of(), null,
                    List.of(), List.of(), ignored, p.source(), p.evidence(), p.confidence(), p.validFrom(), p.validTo(),
                    new RelationTable(columns.get(0), columns.get(1), columns.get(2)));
        }

        private record RowProvenance(SourceSpec source, Value evidence, Value confidence, Value validFrom, Value validTo) {
        }

        private Set<String> ignored(Map<?, ?> root) {
            Set<String> ignored = new LinkedHashSet<>();
            if (root.get("ignore") instanceof List<?> list) {
                list.forEach(c -> ignored.add(String.valueOf(c)));
            } else if (root.get("ignore") != null) {
                problem("ignore", "'ignore' is a list of columns: 'ignore: [chipset, notes]'.");
            }
            return ignored;
        }

        private RowProvenance provenance(Map<?, ?> root, boolean noRelations) {
            Map<?, ?> provenance = root.get("provenance") instanceof Map<?, ?> m ? m : Map.of();
            SourceSpec source = provenance.get("source") == null && noRelations
                    ? new SourceSpec(null, null, null, null, null, null) : source(provenance.get("source"));
            Value evidence = value(provenance.get("evidence"), "provenance.evidence");
            Value confidence = value(provenance.get("confidence"), "provenance.confidence");
            Value validFrom = value(provenance.get("validFrom"), "provenance.validFrom");
            Value validTo = value(provenance.get("validTo"), "provenance.validTo");
            if (confidence != null && confidence.fixed() != null) {
                checkConfidence(confidence.fixed());
            }
            checkDate(validFrom, "provenance.validFrom");
            checkDate(validTo, "provenance.validTo");
            return new RowProvenance(source, evidence, confidence, validFrom, validTo);
        }

        private char delimiter(Object value) {
            if (value == null) {
                return 0;
            }
            String s = String.valueOf(value);
            return switch (s) {
                case ",", "comma" -> ',';
                case ";", "semicolon" -> ';';
                case "\t", "tab" -> '\t';
                default -> {
                    problem("delimiter", "The delimiter is comma, semicolon or tab, not '" + s + "'.");
                    yield 0;
                }
            };
        }

        private PropertyColumn propertyColumn(Map<?, ?> p, String key) {
            String column = text(p, "column", key);
            String name = text(p, "property", key);
            if (column == null || name == null) {
                problem(key, "A property column has 'column' and 'property' (a literal property of the ontology).");
                return null;
            }
            OntologyProperty property = ontology.findProperty(name).orElse(null);
            if (property == null || property.objectProperty() && !property.link()) {
                problem(key + ".property", "'" + name + "' is not a literal property of the ontology; see GET /api/ontology"
                        + (property != null ? " (it links resources: map it under 'relations')." : "."));
                return null;
            }
            String datatype = text(p, "datatype", key);
            if (property.link()) {
                // Its values are IRIs of other knowledge bases, whatever the column says.
                datatype = "iri";
            } else if (datatype == null) {
                datatype = datatypeOf(property);
            } else if (!DATATYPES.contains(datatype)) {
                problem(key + ".datatype", "The datatype is one of " + String.join(", ", DATATYPES) + ", not '" + datatype + "'.");
            }
            String unit = text(p, "unit", key);
            if (unit != null && !unit.equals(property.unit())) {
                problem(key + ".unit", property.unit() == null
                        ? "'" + name + "' has no unit in the ontology: leave out 'unit', or convert the values."
                        : "'" + name + "' is in " + property.unit() + " in the ontology, not " + unit + ": convert the column to "
                        + property.unit() + ".");
            }
            return new PropertyColumn(column, property, datatype, unit, format(p, key), text(p, "separator", key));
        }

        private String datatypeOf(OntologyProperty property) {
            String range = property.range().isEmpty() ? "" : property.range().getFirst();
            // The ontology names XML Schema datatypes as xsd:decimal; other ranges are IRIs.
            String local = range.startsWith("xsd:") ? range.substring(4) : range.substring(range.lastIndexOf('#') + 1);
            return DATATYPES.contains(local) ? local : "string";
        }

        private RelationColumn relationColumn(Map<?, ?> r, String key) {
            String column = text(r, "column", key);
            String name = text(r, "property", key);
            if (column == null || name == null) {
                problem(key, "A relation column has 'column', 'property' (a relation of the ontology) and 'by' (id or name).");
                return null;
            }
            OntologyProperty property = ontology.findProperty(name).orElse(null);
            if (property == null || !property.relation()) {
                problem(key + ".property", "'" + name + "' is not a relation of the ontology; see GET /api/ontology.");
                return null;
            }
            String by = text(r, "by", key);
            if (by != null && !by.equals("id") && !by.equals("name")) {
                problem(key + ".by", "'by' is id or name, not '" + by + "'.");
            }
            return new RelationColumn(column, property, "name".equals(by), text(r, "separator", key));
        }

        private SourceSpec source(Object value) {
            if (value instanceof String id) {
                return new SourceSpec(id, null, null, null, null, null);
            }
            if (value instanceof Map<?, ?> m) {
                String id = text(m, "id", "provenance.source");
                String column = text(m, "column", "provenance.source");
                if ((id == null) == (column == null)) {
                    problem("provenance.source", "Give the source as 'id' (with title, publisher, date and url to declare it"
                            + " here) or as the 'column' of each row's source id.");
                }
                LocalDate date = null;
                String dateText = text(m, "date", "provenance.source");
                if (dateText != null) {
                    try {
                        date = LocalDate.parse(dateText);
                    } catch (DateTimeParseException e) {
                        problem("provenance.source.date", "The date is written 2026-12-01, not '" + dateText + "'.");
                    }
                }
                return new SourceSpec(id, column, text(m, "title", "provenance.source"), text(m, "publisher", "provenance.source"),
                        date, text(m, "url", "provenance.source"));
            }
            problem("provenance.source", "The file states relations, and every relation needs a source: 'provenance: {source: {id: ..., title: ...}}' or"
                    + " 'provenance: {source: {column: source}}'.");
            return new SourceSpec(null, null, null, null, null, null);
        }

        private Value value(Object value, String key) {
            if (value == null) {
                return null;
            }
            if (value instanceof Map<?, ?> m) {
                String column = text(m, "column", key);
                if (column == null) {
                    problem(key, "Give a fixed value, or '{column: name}' to take it from a column.");
                }
                return new Value(null, column, format(m, key));
            }
            return new Value(value instanceof java.util.Date d
                    ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString() : String.valueOf(value), null, null);
        }

        private void checkConfidence(String value) {
            try {
                double c = Double.parseDouble(value);
                if (c < 0 || c > 1) {
                    problem("provenance.confidence", "A confidence is from 0 to 1, not " + value + ".");
                }
            } catch (NumberFormatException e) {
                problem("provenance.confidence", "A confidence is a number from 0 to 1, not '" + value + "'.");
            }
        }

        private void checkDate(Value value, String key) {
            if (value != null && value.fixed() != null) {
                try {
                    LocalDate.parse(value.fixed());
                } catch (DateTimeParseException e) {
                    problem(key, "The date is written 2026-12-01, not '" + value.fixed() + "'.");
                }
            }
        }

        private String format(Map<?, ?> m, String key) {
            String format = text(m, "format", key);
            if (format == null) {
                return null;
            }
            try {
                formatter(format);
                return format;
            } catch (IllegalArgumentException e) {
                problem(key + ".format", "'" + format + "' is not a date format such as dd/MM/yyyy: " + e.getMessage());
                return null;
            }
        }

        private String checkedClass(String name, String key) {
            if (ontology.findClass(name).isEmpty()) {
                problem(key, "The class '" + name + "' is not in the ontology; see GET /api/ontology for the classes.");
            }
            return name;
        }

        private List<Map<?, ?>> maps(Object value, String key) {
            if (value == null) {
                return List.of();
            }
            List<Map<?, ?>> maps = new ArrayList<>();
            if (value instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        maps.add(m);
                    } else {
                        problem(key, "Each entry is a map such as '{column: ..., ...}', not '" + o + "'.");
                    }
                }
            } else {
                problem(key, "'" + key + "' is a list of '{column: ..., ...}' entries.");
            }
            return maps;
        }

        private String text(Map<?, ?> m, String name, String key) {
            Object v = m.get(name);
            if (v == null) {
                return null;
            }
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                problem(key + "." + name, "'" + name + "' is a single value.");
                return null;
            }
            if (v instanceof java.util.Date d) {
                return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
            }
            return String.valueOf(v);
        }

        private void problem(String key, String message) {
            problems.add(new ImportProblem(file, null, null, key, message));
        }

        private static List<String> sorted(Set<String> keys) {
            return keys.stream().sorted().toList();
        }
    }

    /**
     * A date format that refuses dates that do not exist: by default 2024-02-30 would become the
     * 29th. Strict resolving needs the proleptic year ({@code u}) where people write {@code y}.
     */
    static DateTimeFormatter formatter(String pattern) {
        return DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT)
                .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    }

    /** Trimmed and in lower case: how names and class values are compared. */
    static String fold(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
