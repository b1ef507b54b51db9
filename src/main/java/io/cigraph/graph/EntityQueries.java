package io.cigraph.graph;

import io.cigraph.graph.Views.AliasView;
import io.cigraph.graph.Views.EdgeView;
import io.cigraph.graph.Views.EntityView;
import io.cigraph.graph.Views.Neighborhood;
import io.cigraph.graph.Views.NodeRef;
import io.cigraph.graph.Views.RelationCount;
import io.cigraph.graph.Views.RelationView;
import io.cigraph.graph.Views.SourceRef;
import io.cigraph.graph.Views.TypeView;
import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyClass;
import io.cigraph.ontology.OntologyProperty;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;
import org.springframework.stereotype.Component;

/**
 * One resource with its relations, and its neighbourhood page by page. Counts per relation type
 * come from Neo4j's degree counts ({@code COUNT { (n)-[:T]->() }}), so a node with a hundred
 * thousand relations answers its first page and its counts without reading them all.
 * Public because the web feature asks it.
 */
@Component
public class EntityQueries {

    /**
     * The node, its degree, its first relations (sorted by type and other end) and the sources they
     * cite, in one round trip: each statement more is a Bolt exchange more, which on a small graph
     * costs more than the reading itself. Sources are looked up through the unique index on
     * {@code :Resource(id)}: there is none on {@code :Source} alone.
     */
    private static final String ENTITY = """
            MATCH (n:Resource {id: $id})
            CALL (n) {
                MATCH (n)-[r]-(m:Resource)
                WITH r, m, CASE WHEN m:Observation THEN m WHEN n:Observation THEN n END AS observation
                WITH r, m, startNode(r) = n AS outgoing, observation.evidence AS observationEvidence,
                     CASE WHEN observation IS NULL OR type(r) = 'SOURCE' THEN null
                          ELSE [(observation)-[:SOURCE]->(s:Source) | s.id][0] END AS observationSource
                ORDER BY type(r), m.id
                LIMIT $limit
                RETURN collect({r: r, m: m, outgoing: outgoing, observationEvidence: observationEvidence,
                                observationSource: observationSource}) AS rows
            }
            RETURN n, COUNT { (n)--() } AS degree, rows, COLLECT {
                UNWIND rows AS row
                UNWIND [row.r.source, row.observationSource] AS source
                WITH DISTINCT source WHERE source IS NOT NULL
                MATCH (s:Resource {id: source}) WHERE s:Source
                RETURN s
            } AS sources
            """;
    private static final String NEIGHBORS_1 = """
            MATCH (n:Resource {id: $id})-[r]-(m:Resource)
            WHERE $label IS NULL OR $label IN labels(m)
            RETURN r, %s SKIP $offset LIMIT $limit
            """.formatted(GraphReads.DRAWN.formatted("m"));
    private static final String NEIGHBORS_1_TYPED = """
            MATCH (n:Resource {id: $id})-[r:$any($types)]-(m:Resource)
            WHERE $label IS NULL OR $label IN labels(m)
            RETURN r, %s SKIP $offset LIMIT $limit
            """.formatted(GraphReads.DRAWN.formatted("m"));
    private static final String NEIGHBORS_N = """
            MATCH (n:Resource {id: $id})-[rs*1..%d]-(m:Resource)
            WHERE m <> n AND ($label IS NULL OR $label IN labels(m))
              AND ($types IS NULL OR all(x IN rs WHERE type(x) IN $types))
            WITH DISTINCT m SKIP $offset LIMIT $limit
            """ + "RETURN " + GraphReads.DRAWN.formatted("m");
    /**
     * For each node kept by a class filter, the nodes on one shortest way to it from the root
     * within the depth (and through the allowed relations only), so that it does not float free
     * of the root in a graph view. Hops are an integer checked before: Cypher takes no parameter there.
     */
    private static final String CONNECTING = """
            MATCH (n:Resource {id: $id})
            UNWIND $ids AS target
            MATCH (m:Resource {id: target})
            MATCH p = ANY SHORTEST (n) (()-[r]-() WHERE $types IS NULL OR type(r) IN $types){1,%d} (m)
            UNWIND nodes(p)[1..-1] AS via
            WITH DISTINCT via
            """ + "RETURN " + GraphReads.DRAWN.formatted("via");
    /**
     * A node of a view with more outgoing relations than this is expanded type by type, and only
     * through the types it has at most this many of ({@link #edgesAmong}).
     */
    static final int DENSE = 200;

    private final GraphReads reads;
    private final Ontology ontology;
    private final String rootQuery;
    private final String edgesAmong;

    EntityQueries(GraphReads reads) {
        this.reads = reads;
        this.ontology = reads.ontology();
        // Built from the ontology's relationship types only, never from input.
        // The entity and its relation counts by type and direction, in one round trip.
        this.rootQuery = "MATCH (n:Resource {id: $id}) RETURN n, [" + ontology.relationshipTypes().stream()
                .map(t -> "COUNT { (n)-[:`" + t + "`]->() }, COUNT { (n)<-[:`" + t + "`]-() }")
                .collect(Collectors.joining(", ")) + "] AS counts";
        this.edgesAmong = edgesAmong(ontology.relationshipTypes());
    }

    /**
     * The relations among the nodes of a view, each found from its start. A node with at most
     * {@link #DENSE} outgoing relations has them all expanded and their ends looked up among the
     * view's element ids (Cypher keeps a hash set of a list parameter for that, within one
     * pipeline; a subquery called once a row starts it again at every row, hence the plain
     * {@code UNION ALL}). A busier node is expanded through each type it has at most that many of;
     * for a type it has more of, each of the view's nodes is tried as the other end, which Neo4j
     * answers from the end with fewer relations of that type. A depth-2 view of a technology holds
     * the vendors of its devices with up to 10,000 outgoing relations each: expanding all of them
     * went through 36,943 relations to find 160, and those views took 16 ms at the median and up
     * to 28 ms on the 100k benchmark graph (one request at a time, 184 of them), 7-8 and 11 ms this
     * way, while a small view pays about 0.1 ms for the degrees. Before that, matching both ends by
     * id let the planner expand every relation of a hub and read the id at its other end (96,560
     * relations for 178, 204 ms). The nodes are found by element id, which the view's earlier
     * queries returned: a look-up each instead of a search of the id index, and collected first so
     * that they are the ones expanded: left to itself the planner may start at {@code b} and expand
     * incoming relations, which for a source are every observation that cites it. Tried and slower: a
     * subquery a node expanding in both directions (11 ms, every small view 0.3 ms slower), and one
     * {@code UNION} branch a type and direction over lists of busy nodes made in Java (20 ms).
     * Built from the ontology's relationship types only, never from input.
     */
    static String edgesAmong(Collection<String> relationshipTypes) {
        List<String> byType = new ArrayList<>();
        for (String t : relationshipTypes) {
            byType.add(("    WITH a WHERE COUNT { (a)-[:`%1$s`]->() } <= %2$d"
                    + " MATCH (a)-[r:`%1$s`]->(b) WHERE elementId(b) IN $elements RETURN r").formatted(t, DENSE));
            byType.add(("    WITH a, nodes WHERE COUNT { (a)-[:`%1$s`]->() } > %2$d"
                    + " UNWIND nodes AS b MATCH (a)-[r:`%1$s`]->(b) RETURN r").formatted(t, DENSE));
        }
        return """
                CALL () {
                  MATCH (a) WHERE elementId(a) IN $elements
                  WITH collect(a) AS nodes UNWIND nodes AS a
                  WITH a WHERE COUNT { (a)-->() } <= %1$d
                  MATCH (a)-[r]->(b) WHERE elementId(b) IN $elements
                  RETURN r
                  UNION ALL
                  MATCH (a) WHERE elementId(a) IN $elements
                  WITH collect(a) AS nodes UNWIND nodes AS a
                  WITH a, nodes WHERE COUNT { (a)-->() } > %1$d
                  CALL (a, nodes) {
                %2$s
                  }
                  RETURN r
                }
                WITH r WHERE $types IS NULL OR type(r) IN $types
                RETURN r LIMIT $limit
                """.formatted(DENSE, String.join("\n    UNION ALL\n", byType));
    }

    /** The resource with up to {@code relationLimit} relations, sorted by type and other end. */
    public EntityView entity(String id, int relationLimit) {
        int limit = Math.max(1, Math.min(relationLimit, reads.maxRows()));
        return reads.read(tx -> {
            Record found = tx.run(ENTITY, Map.of("id", id, "limit", limit)).stream().findFirst()
                    .orElseThrow(() -> new UnknownResourceException(id));
            Node n = found.get("n").asNode();
            long degree = found.get("degree").asLong();
            List<Value> rows = found.get("rows").asList(v -> v);
            Map<String, SourceRef> sources = new LinkedHashMap<>();
            found.get("sources").asList(Value::asNode).forEach(s -> sources.put(s.get("id").asString(), reads.sourceRef(s)));
            List<RelationView> relations = new ArrayList<>();
            Map<String, List<String>> batchSources = new java.util.HashMap<>();
            java.util.function.Function<String, List<String>> sourcesOfBatch = b -> batchSources.computeIfAbsent(b, k -> sourcesOf(tx, k));
            for (Value row : rows) {
                Relationship r = row.get("r").asRelationship();
                boolean outgoing = row.get("outgoing").asBoolean();
                RelationView view = relation(r, outgoing, reads.nodeRef(row.get("m").asNode()), sources);
                if (!r.get("claims").isNull()) {
                    view = new RelationView(view.predicate(), view.label(), view.direction(), view.relationshipType(),
                            view.other(), view.provenance(), Alternatives.ofRelation(Ownership.claims(r), sourcesOfBatch));
                }
                String observationSource = row.get("observationSource").asString(null);
                if (view.provenance().source() == null && observationSource != null) {
                    // A link of an observation carries no provenance of its own: the observation's is its.
                    view = new RelationView(view.predicate(), view.label(), view.direction(), view.relationshipType(),
                            view.other(), new Views.ProvenanceView(sources.get(observationSource),
                            row.get("observationEvidence").asString(null), null, null, null), view.alternatives());
                }
                relations.add(view);
            }
            return new EntityView(id, n.get("iri").asString(null), n.get("label").asString(null), types(n),
                    aliases(n), n.get("description").asString(null), properties(n), degree, degree > rows.size(),
                    relations, Ownership.claims(n).stream().map(Claims.Claim::batch).toList(),
                    Alternatives.of(Ownership.claims(n), sourcesOfBatch));
        });
    }

    /**
     * A page of the neighbourhood within {@code depth} hops, optionally only through some relations
     * and only to nodes of a class (with its subclasses). Beyond one hop, a class filter brings
     * along the nodes on a shortest way from the root to each node it keeps ({@code via}), and the
     * edges are all those among the nodes returned, so the page is one connected graph.
     */
    public Neighborhood neighbors(String id, int depth, List<String> relations, String type, int limit, String cursor) {
        if (depth < 1 || depth > 3) {
            throw new InvalidQueryException("depth", "depth must be 1, 2 or 3 (hops from the entity); it was " + depth + ".");
        }
        if (limit < 1 || limit > reads.maxRows()) {
            throw new InvalidQueryException("limit", "limit must be between 1 and " + reads.maxRows() + "; it was " + limit + ".");
        }
        List<String> types = reads.relationshipTypes(relations);
        String label = label(type);
        int offset = Cursor.decode(cursor);
        return reads.read(tx -> {
            Record head = tx.run(rootQuery, Map.of("id", id)).stream().findFirst().orElseThrow(() -> new UnknownResourceException(id));
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("id", id);
            params.put("label", label);
            params.put("types", types);
            params.put("offset", offset);
            params.put("limit", limit + 1);
            Map<String, NodeRef> nodes = new LinkedHashMap<>();
            Map<String, String> idsByElement = new LinkedHashMap<>();
            List<Relationship> edges = new ArrayList<>();
            Map<String, String> observations = new HashMap<>();
            Node root = head.get("n").asNode();
            GraphReads.addDrawn(observations, root);
            idsByElement.put(root.elementId(), id);
            boolean more;
            if (depth == 1) {
                List<Record> rows = tx.run(types == null ? NEIGHBORS_1 : NEIGHBORS_1_TYPED, params).list();
                more = rows.size() > limit;
                for (Record row : rows.subList(0, Math.min(limit, rows.size()))) {
                    draw(row, nodes, idsByElement, observations);
                    edges.add(row.get("r").asRelationship());
                }
            } else {
                List<Record> rows = tx.run(NEIGHBORS_N.formatted(depth), params).list();
                more = rows.size() > limit;
                rows.subList(0, Math.min(limit, rows.size())).forEach(row -> draw(row, nodes, idsByElement, observations));
            }
            Map<String, NodeRef> all = new LinkedHashMap<>();
            all.put(id, reads.nodeRef(root));
            all.putAll(nodes);
            List<String> via = new ArrayList<>();
            if (depth > 1 && label != null && !nodes.isEmpty()) {
                Map<String, Object> targets = new LinkedHashMap<>();
                targets.put("id", id);
                targets.put("ids", List.copyOf(nodes.keySet()));
                targets.put("types", types);
                tx.run(CONNECTING.formatted(depth), targets).forEachRemaining(r -> {
                    String vid = r.get("id").asString();
                    if (!all.containsKey(vid)) {
                        via.add(vid);
                        draw(r, all, idsByElement, observations);
                    }
                });
            }
            if (depth > 1) {
                Map<String, Object> among = new LinkedHashMap<>();
                among.put("elements", List.copyOf(idsByElement.keySet()));
                among.put("types", types);
                among.put("limit", reads.maxRows() * 4);
                tx.run(edgesAmong, among).forEachRemaining(r -> edges.add(r.get("r").asRelationship()));
                // By the view's order of their ends: the query's branches find them in orders of their own.
                Map<String, Integer> order = new HashMap<>();
                idsByElement.keySet().forEach(element -> order.put(element, order.size()));
                edges.sort(Comparator.<Relationship>comparingInt(r -> order.get(r.startNodeElementId()))
                        .thenComparingInt(r -> order.get(r.endNodeElementId()))
                        .thenComparing(Relationship::type).thenComparing(Relationship::elementId));
            }
            List<EdgeView> edgeViews = reads.edges(tx, edges, idsByElement, observations);
            return new Neighborhood(id, depth, List.copyOf(all.values()), via, edgeViews, counts(head.get("counts")),
                    more ? Cursor.encode(offset + limit) : null);
        });
    }

    /** Adds a node a view draws, from a row with {@link GraphReads#DRAWN}'s columns (the first row about it wins). */
    private void draw(Record row, Map<String, NodeRef> nodes, Map<String, String> idsByElement, Map<String, String> observations) {
        String nodeId = row.get("id").asString();
        nodes.putIfAbsent(nodeId, reads.nodeRef(row));
        idsByElement.put(row.get("element").asString(), nodeId);
        GraphReads.addDrawn(observations, row);
    }

    private List<RelationCount> counts(Value countsByType) {
        List<Long> values = countsByType.asList(Value::asLong);
        List<RelationCount> counts = new ArrayList<>();
        int i = 0;
        for (String type : ontology.relationshipTypes()) {
            long out = values.get(i++);
            long in = values.get(i++);
            String predicate = reads.predicateOf(type);
            if (out > 0) {
                counts.add(new RelationCount(predicate, type, "out", out));
            }
            if (in > 0) {
                counts.add(new RelationCount(predicate, type, "in", in));
            }
        }
        return counts;
    }

    private RelationView relation(Relationship r, boolean outgoing, NodeRef other, Map<String, SourceRef> sources) {
        OntologyProperty p = ontology.findByRelationshipType(r.type()).orElse(null);
        String predicate = p == null ? r.type() : p.name();
        String label = p == null ? r.type() : p.label();
        if (!outgoing && p != null && p.inverse() != null) {
            label = ontology.findProperty(p.inverse()).map(OntologyProperty::label).orElse(label);
        } else if (!outgoing) {
            label = label + " (inverse)";
        }
        return new RelationView(predicate, label, outgoing ? "out" : "in", r.type(), other,
                reads.provenance(r.asMap(), sources));
    }

    private List<TypeView> types(Node n) {
        List<TypeView> types = new ArrayList<>();
        for (String name : n.get("types").asList(Value::asString)) {
            OntologyClass c = ontology.findClass(name).orElse(null);
            types.add(c == null ? new TypeView(name, name, List.of()) : new TypeView(name, c.label(), c.superclasses()));
        }
        return types;
    }

    private static List<AliasView> aliases(Node n) {
        return GraphStore.aliases(n).stream().map(a -> new AliasView(a.text(), a.language())).toList();
    }

    private static Map<String, Object> properties(Node n) {
        Map<String, Object> props = new TreeMap<>(n.asMap());
        props.keySet().removeAll(GraphStore.RESERVED);
        return props;
    }

    private static List<String> sourcesOf(org.neo4j.driver.SimpleQueryRunner tx, String batch) {
        return tx.run("MATCH (b:ImportBatch {id: $id}) RETURN coalesce(b.sources, []) AS sources", Map.of("id", batch))
                .stream().findFirst().map(r -> r.get("sources").asList(Value::asString)).orElse(List.of());
    }

    /** Relationship types for predicate names; inverse names count as their forward property. */
    private String label(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        return ontology.findClass(type).map(OntologyClass::name).orElseThrow(() -> new InvalidQueryException("type",
                "'" + type + "' is not a class of the ontology; use names such as Device, Smartwatch or Vendor (GET /api/ontology lists them)."));
    }
}
