package io.cigraph.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;

/**
 * How the property-graph exports write values and name their fields, in one place since GraphML
 * and CSV follow the same rules. A list is one text, its items separated by {@code |} (an item's
 * own {@code |} or {@code \} escaped with {@code \}), so that it fits one spreadsheet cell or one
 * typed GraphML attribute. Names that graph tools reserve for their own columns (Gephi's and
 * yEd's {@code id}, {@code label}, {@code source}, {@code target}, {@code type}, {@code weight})
 * take the prefix {@code kg_}, so the preferred name is {@code kg_label} and an edge's source
 * document {@code kg_source}, rather than overwriting what the tool shows.
 */
final class ExportValues {

    static final String SEPARATOR = "|";
    private static final Set<String> RESERVED = Set.of("id", "label", "source", "target", "type", "weight");
    /** Node properties that are not written as their own field: the id is the node's, the rest are bookkeeping. */
    static final Set<String> NODE_INTERNAL = Set.of("id", "batch", "batches", "claims", "aliases", "aliasLanguages");

    /** Relationship properties that say which imports own it, not what it says. */
    static final Set<String> EDGE_INTERNAL = Set.of("batch", "batches", "claims");

    private ExportValues() {
    }

    /** The name a property is written under in GraphML. */
    static String graphName(String property) {
        return RESERVED.contains(property.toLowerCase(java.util.Locale.ROOT)) ? "kg_" + property : property;
    }

    /** A value as text: lists joined with {@link #SEPARATOR}, dates and numbers as Cypher prints them. */
    static String text(Value v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.hasType(org.neo4j.driver.types.TypeSystem.getDefault().LIST())) {
            return join(v.asList(ExportValues::text));
        }
        return v.hasType(org.neo4j.driver.types.TypeSystem.getDefault().STRING()) ? v.asString() : v.asObject().toString();
    }

    /** A value as a list cell: a single value is a list of one, its own {@code |} escaped as an item's. */
    static String list(Value v) {
        if (v == null || v.isNull()) {
            return null;
        }
        return v.hasType(org.neo4j.driver.types.TypeSystem.getDefault().LIST()) ? text(v) : join(List.of(text(v)));
    }

    static String join(List<String> items) {
        return items.stream().map(i -> i == null ? "" : i.replace("\\", "\\\\").replace(SEPARATOR, "\\" + SEPARATOR))
                .collect(Collectors.joining(SEPARATOR));
    }

    /** A node's aliases by language (the empty string for none), each list joined. */
    static Map<String, String> aliases(Node n) {
        Map<String, List<String>> byLanguage = new LinkedHashMap<>();
        Value texts = n.get("aliases");
        Value languages = n.get("aliasLanguages");
        if (texts.isNull()) {
            return Map.of();
        }
        List<String> t = texts.asList(Value::asString);
        List<String> l = languages.isNull() ? List.of() : languages.asList(Value::asString);
        for (int i = 0; i < t.size(); i++) {
            byLanguage.computeIfAbsent(i < l.size() ? l.get(i) : "", k -> new ArrayList<>()).add(t.get(i));
        }
        Map<String, String> joined = new LinkedHashMap<>();
        byLanguage.forEach((language, items) -> joined.put(language, join(items)));
        return joined;
    }

    /** The field name of the aliases in one language: {@code aliases@zh}, or {@code aliases} without one. */
    static String aliasField(String language) {
        return language.isEmpty() ? "aliases" : "aliases@" + language;
    }
}
