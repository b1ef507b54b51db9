package io.cigraph.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;

/**
 * The reads every property-graph export makes: nodes a page at a time in id order, the relations
 * leaving each page, and a first pass that finds which properties the exported nodes and
 * relations hold and of which type, since GraphML declares its keys and CSV its columns before the
 * first row. That pass is one aggregate query per kind; it costs a scan, but makes the columns
 * follow whatever the graph holds (a property added to the ontology is a column without code).
 */
final class ExportPages {

    static final int PAGE = 1000;

    /*
     * Each query has a {@code %s} where a neighbourhood's export narrows it to the ids. Two texts
     * rather than "$ids IS NULL OR n.id IN $ids": with the disjunction, Neo4j plans one scan of
     * every resource (or relation) for both cases, which made a neighbourhood's export read the
     * whole graph, several times over.
     */
    private static final String NODE_IN_IDS = "AND n.id IN $ids";
    private static final String NODES = """
            MATCH (n:Resource) WHERE n.id > $after %s
            RETURN n ORDER BY n.id LIMIT $page
            """;
    private static final String EDGES = """
            MATCH (a:Resource)-[r]->(b:Resource)
            WHERE a.id IN $from %s
            RETURN a.id AS s, type(r) AS type, b.id AS o, r ORDER BY s, type, o
            """;
    private static final String NODE_KEYS = """
            MATCH (n:Resource) WHERE true %s
            UNWIND keys(n) AS key
            RETURN key, collect(DISTINCT valueType(n[key])) AS types
            """;
    private static final String EDGE_KEYS = """
            MATCH (a:Resource)-[r]->(b:Resource) WHERE true %s
            UNWIND keys(r) AS key
            RETURN key, collect(DISTINCT valueType(r[key])) AS types
            """;
    private static final String ALIAS_LANGUAGES = """
            MATCH (n:Resource) WHERE n.aliasLanguages IS NOT NULL %s
            UNWIND n.aliasLanguages AS language
            RETURN DISTINCT language ORDER BY language
            """;

    private final Driver driver;
    private final List<String> ids;

    ExportPages(Driver driver, Set<String> ids) {
        this.driver = driver;
        this.ids = ids == null ? null : List.copyOf(ids);
    }

    /** Node property names with their GraphML type ({@code long}, {@code double}, {@code boolean} or {@code string}). */
    Map<String, String> nodeKeys() {
        return keys(among(NODE_KEYS, NODE_IN_IDS));
    }

    /** Relationship property names with their GraphML type. */
    Map<String, String> edgeKeys() {
        return keys(among(EDGE_KEYS, "AND a.id IN $ids AND b.id IN $ids"));
    }

    /** The languages of the exported nodes' aliases, the empty string for aliases without one. */
    List<String> aliasLanguages() {
        return read(among(ALIAS_LANGUAGES, NODE_IN_IDS), Map.of()).stream().map(r -> r.get("language").asString()).toList();
    }

    /** Node property names whose value is a list on some exported node: their CSV cells are lists. */
    Set<String> nodeListKeys() {
        Set<String> lists = new TreeSet<>();
        for (Record r : read(among(NODE_KEYS, NODE_IN_IDS), Map.of())) {
            if (r.get("types").asList(Value::asString).stream().anyMatch(t -> t.startsWith("LIST"))) {
                lists.add(r.get("key").asString());
            }
        }
        return lists;
    }

    private Map<String, String> keys(String query) {
        Map<String, String> keys = new TreeMap<>();
        for (Record r : read(query, Map.of())) {
            keys.put(r.get("key").asString(), typeOf(new TreeSet<>(r.get("types").asList(Value::asString))));
        }
        return keys;
    }

    /** One type for every value of a property: integers widen to doubles, anything else is text. */
    static String typeOf(Set<String> cypherTypes) {
        Set<String> types = new TreeSet<>();
        cypherTypes.forEach(t -> types.add(t.replace(" NOT NULL", "")));
        if (types.equals(Set.of("INTEGER"))) {
            return "long";
        }
        if (Set.of("INTEGER", "FLOAT").containsAll(types)) {
            return "double";
        }
        return types.equals(Set.of("BOOLEAN")) ? "boolean" : "string";
    }

    /**
     * Pages of nodes in id order, each followed by the outgoing relations of its nodes (to nodes in
     * the set) when {@code relations} is given.
     */
    void forEachPage(Consumer<List<Node>> nodes, Consumer<Record> relations) {
        String after = "";
        try (Session session = session()) {
            while (true) {
                Map<String, Object> params = params();
                params.put("after", after);
                params.put("page", PAGE);
                List<Node> page = session.executeRead(tx -> tx.run(among(NODES, NODE_IN_IDS), params).list(r -> r.get("n").asNode()));
                if (page.isEmpty()) {
                    return;
                }
                nodes.accept(page);
                if (relations != null) {
                    Map<String, Object> edgeParams = params();
                    edgeParams.put("from", page.stream().map(n -> n.get("id").asString()).toList());
                    session.executeRead(tx -> tx.run(among(EDGES, "AND b.id IN $ids"), edgeParams).list()).forEach(relations);
                }
                after = page.getLast().get("id").asString();
            }
        }
    }

    /** The query for the whole graph, or narrowed by {@code filter} to the exported ids. */
    private String among(String query, String filter) {
        return query.formatted(ids == null ? "" : filter);
    }

    private List<Record> read(String query, Map<String, Object> extra) {
        Map<String, Object> params = params();
        params.putAll(extra);
        try (Session session = session()) {
            return session.executeRead(tx -> new ArrayList<>(tx.run(query, params).list()));
        }
    }

    private Map<String, Object> params() {
        Map<String, Object> params = new HashMap<>();
        params.put("ids", ids);
        return params;
    }

    private Session session() {
        return driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build());
    }
}
