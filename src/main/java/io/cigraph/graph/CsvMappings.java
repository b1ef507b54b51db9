package io.cigraph.graph;

import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The spreadsheet import mappings (README, "Spreadsheets") of the two CSV files the export writes,
 * so that an exported zip, unzipped, edited and imported, comes back: the command line finds
 * {@code nodes.mapping.yaml} beside {@code nodes.csv}. They are written from the columns the
 * export actually wrote, since those follow the graph (a language or property is a column only
 * where some exported node has it). A column the ontology does not know as a literal property or a
 * link (a property only an older ontology had) is listed under {@code ignore}, not guessed at.
 */
final class CsvMappings {

    private static final Set<String> NUMERIC = Set.of("xsd:decimal", "xsd:double", "xsd:float");

    private CsvMappings() {
    }

    static String nodes(Ontology ontology, List<String> languages, List<String> properties, Set<String> lists) {
        StringBuilder yaml = new StringBuilder("""
                # nodes.csv as ci-graph exported it: a resource a row. Import it with
                # 'java -jar ci-graph.jar import nodes.csv' (this file beside it), or POST /api/imports
                # with mapping=, then relations.csv the same way.
                id: {column: id}
                label: label
                description: description
                class: {column: types, separator: "|"}
                """);
        List<String> ignored = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        for (String language : languages) {
            if (language.isEmpty()) {
                // An alias without a language cannot be stated (the shapes want one): none is exported but in a column of its own.
                ignored.add(ExportValues.aliasField(language));
            } else {
                aliases.add("  - {column: " + quoted(ExportValues.aliasField(language)) + ", language: " + quoted(language)
                        + ", separator: \"|\"}\n");
            }
        }
        yaml.append(aliases.isEmpty() ? "aliases: []\n" : "aliases:\n" + String.join("", aliases));
        List<String> columns = new ArrayList<>();
        for (String name : properties) {
            OntologyProperty p = ontology.findProperty(name).orElse(null);
            if (p == null || p.objectProperty() && !p.link()) {
                ignored.add(name);
                continue;
            }
            // A number written as the graph holds it (87, 0.5): each keeps its kind, as Turtle reads them.
            String datatype = !p.link() && !p.range().isEmpty() && NUMERIC.contains(p.range().getFirst()) ? ", datatype: number" : "";
            String separator = lists.contains(name) ? ", separator: \"|\"" : "";
            columns.add("  - {column: " + quoted(name) + ", property: " + p.name() + datatype + separator + "}\n");
        }
        yaml.append(columns.isEmpty() ? "properties: []\n" : "properties:\n" + String.join("", columns));
        if (!ignored.isEmpty()) {
            yaml.append("ignore: [").append(String.join(", ", ignored.stream().map(CsvMappings::quoted).toList())).append("]\n");
        }
        return yaml.toString();
    }

    static String relations() {
        return """
                # relations.csv as ci-graph exported it: a relation a row, with its provenance. Import it
                # after nodes.csv, with 'java -jar ci-graph.jar import relations.csv' (this file beside it),
                # or POST /api/imports with mapping=.
                rows: relations
                subject: subject
                predicate: predicate
                object: object
                provenance:
                  source: {column: source}
                  evidence: {column: evidence}
                  confidence: {column: confidence}
                  validFrom: {column: validFrom}
                  validTo: {column: validTo}
                """;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
