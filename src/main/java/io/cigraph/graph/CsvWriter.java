package io.cigraph.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;

/**
 * The graph as two CSV files (RFC 4180: comma, CRLF, double quotes; UTF-8), the columns the CSV
 * import mapping speaks, so that a graph exported, edited in a spreadsheet and imported comes back:
 * {@code nodes.csv} with {@code id, label, types, description}, the aliases one column per language
 * ({@code aliases}, {@code aliases@en}, {@code aliases@zh}) and one column per literal property the
 * exported nodes hold; {@code relations.csv} with {@code subject, predicate, object, source,
 * evidence, confidence, validFrom, validTo}. Lists (types, aliases, repeated values) are one cell
 * with {@code |} between items. Each file is streamed a page at a time; the zip holds both, and
 * the mapping of each ({@code nodes.mapping.yaml}, {@code relations.mapping.yaml}) written from
 * the columns it has, so that the folder it unzips to imports as it is.
 */
final class CsvWriter {

    static final List<String> NODE_COLUMNS = List.of("id", "label", "types", "description");
    static final List<String> RELATION_COLUMNS = List.of("subject", "predicate", "object", "source", "evidence",
            "confidence", "validFrom", "validTo");
    private static final Set<String> NOT_PROPERTIES = Set.of("iri", "label", "types", "description");

    private final ExportPages pages;
    private final GraphReads reads;

    CsvWriter(ExportPages pages, GraphReads reads) {
        this.pages = pages;
        this.reads = reads;
    }

    /** Both files, each with the import mapping that reads it back (see {@link CsvMappings}). */
    void zip(OutputStream out) {
        try {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            zip.putNextEntry(new ZipEntry("nodes.csv"));
            Columns columns = nodes(zip);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("relations.csv"));
            relations(zip);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("nodes.mapping.yaml"));
            zip.write(CsvMappings.nodes(reads.ontology(), columns.languages(), columns.properties(), columns.lists())
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("relations.mapping.yaml"));
            zip.write(CsvMappings.relations().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The columns {@code nodes.csv} has beyond the fixed ones.
     *
     * @param lists the property columns holding a list on some node: every cell of theirs is a list
     *              (a single value escaped like an item), so that a value holding {@code |} comes back whole
     */
    record Columns(List<String> languages, List<String> properties, Set<String> lists) {
    }

    Columns nodes(OutputStream out) {
        Map<String, String> keys = new TreeMap<>(pages.nodeKeys());
        keys.keySet().removeAll(ExportValues.NODE_INTERNAL);
        keys.keySet().removeAll(NOT_PROPERTIES);
        List<String> properties = List.copyOf(keys.keySet());
        Set<String> lists = pages.nodeListKeys();
        List<String> languages = pages.aliasLanguages();
        List<String> header = new ArrayList<>(NODE_COLUMNS);
        languages.forEach(l -> header.add(ExportValues.aliasField(l)));
        header.addAll(properties);
        print(out, header, csv -> pages.forEachPage(nodes -> {
            for (Node n : nodes) {
                List<String> row = new ArrayList<>();
                for (String column : NODE_COLUMNS) {
                    row.add(ExportValues.text(n.get(column)));
                }
                Map<String, String> aliases = ExportValues.aliases(n);
                languages.forEach(l -> row.add(aliases.get(l)));
                properties.forEach(p -> row.add(lists.contains(p) ? ExportValues.list(n.get(p)) : ExportValues.text(n.get(p))));
                record(csv, row);
            }
        }, null));
        return new Columns(languages, properties, lists);
    }

    void relations(OutputStream out) {
        print(out, RELATION_COLUMNS, csv -> pages.forEachPage(nodes -> { }, r -> {
            Relationship rel = r.get("r").asRelationship();
            List<String> row = new ArrayList<>(List.of(r.get("s").asString(), reads.predicateOf(rel.type()), r.get("o").asString()));
            for (String column : RELATION_COLUMNS.subList(3, RELATION_COLUMNS.size())) {
                Value v = rel.get(column);
                row.add(ExportValues.text(v));
            }
            record(csv, row);
        }));
    }

    private interface Rows {
        void write(CSVPrinter csv);
    }

    /** Prints a header and rows, flushing without closing: the stream may be a zip with more to come. */
    private static void print(OutputStream out, List<String> header, Rows rows) {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try {
            CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get().print(writer);
            rows.write(csv);
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void record(CSVPrinter csv, List<String> row) {
        try {
            csv.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
