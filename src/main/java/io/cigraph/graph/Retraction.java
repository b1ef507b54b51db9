package io.cigraph.graph;

import io.cigraph.graph.Claims.Claim;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;

/**
 * Takes claims back in the caller's transaction: every claim of some batches (undo, a replaced
 * version), or every claim that rests on one source. What other live batches still claim stays,
 * its effective record recomputed by the same rule as at import; a relationship with no claim left
 * is deleted, and so is a node with no claim and no relationship left. A node that another
 * import's relation still names stays, with no claim of its own, so that relation keeps its end.
 */
final class Retraction {

    private static final String NODES_OF_BATCHES = """
            MATCH (n:Resource) WHERE n.batch IN $ids OR any(x IN coalesce(n.batches, []) WHERE x IN $ids)
            RETURN n
            """;
    private static final String RELATIONSHIPS_OF_BATCHES = """
            MATCH (a:Resource)-[r]->(b:Resource)
            WHERE r.batch IN $ids OR any(x IN coalesce(r.batches, []) WHERE x IN $ids)
            RETURN a.id AS s, b.id AS o, r
            """;
    private static final String RELATIONSHIPS_OF_SOURCE = """
            MATCH (a:Resource)-[r]->(b:Resource)
            WHERE r.source = $source OR r.claims CONTAINS $quoted
            RETURN a.id AS s, b.id AS o, r
            """;
    /** The source itself and the observations it reports: they rest on it whole. */
    private static final String NODES_OF_SOURCE = """
            MATCH (n:Resource {id: $source}) RETURN n
            UNION
            MATCH (n:Observation)-[:SOURCE]->(:Resource {id: $source}) RETURN n
            """;
    private static final String UPDATE_RELATIONSHIPS = """
            UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.e SET r = row.props
            """;
    private static final String DELETE_RELATIONSHIPS = """
            UNWIND $ids AS e MATCH ()-[r]->() WHERE elementId(r) = e DELETE r
            """;
    private static final String DELETE_LONE_NODES = """
            UNWIND $ids AS id MATCH (n:Resource {id: id}) WHERE NOT EXISTS { (n)--() } DELETE n RETURN id
            """;
    private static final String DETACH_NODES = """
            UNWIND $ids AS id MATCH (n:Resource {id: id}) DETACH DELETE n RETURN id
            """;
    private static final String KEEP_REFERENCED = """
            UNWIND $ids AS id MATCH (n:Resource {id: id}) SET n.batches = [], n.claims = '{}'
            """;

    private final GraphWrites writes;
    private final Ontology ontology;

    Retraction(GraphWrites writes, Ontology ontology) {
        this.writes = writes;
        this.ontology = ontology;
    }

    /**
     * Takes back every claim of these batches; returns what changed, and adds to {@code touched}
     * every resource and relation whose record or claims it changed or that it deleted.
     */
    List<Change> batches(SimpleQueryRunner tx, Set<String> ids, Touched touched) {
        List<Change> changes = new ArrayList<>();
        Map<String, Object> params = Map.of("ids", List.copyOf(ids));
        relationships(tx, tx.run(RELATIONSHIPS_OF_BATCHES, params).list(), c -> ids.contains(c.batch()), changes, touched);
        List<Node> nodes = tx.run(NODES_OF_BATCHES, params).list(r -> r.get("n").asNode());
        nodes(tx, nodes, c -> ids.contains(c.batch()), false, changes, touched);
        return changes;
    }

    /** Takes back every claim that rests on this source; returns what changed; {@code touched} as above. */
    List<Change> source(SimpleQueryRunner tx, String source, Touched touched) {
        List<Change> changes = new ArrayList<>();
        relationships(tx, tx.run(RELATIONSHIPS_OF_SOURCE, Map.of("source", source, "quoted", "\"" + source + "\"")).list(),
                c -> source.equals(c.provenance().source()), changes, touched);
        List<Node> nodes = tx.run(NODES_OF_SOURCE, Map.of("source", source)).list(r -> r.get("n").asNode());
        nodes(tx, nodes, c -> true, true, changes, touched);
        return changes;
    }

    private void relationships(SimpleQueryRunner tx, List<org.neo4j.driver.Record> rows, Predicate<Claim> retracted,
                               List<Change> changes, Touched touched) {
        List<Map<String, Object>> updates = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (org.neo4j.driver.Record row : rows) {
            Relationship r = row.get("r").asRelationship();
            String predicate = ontology.findByRelationshipType(r.type()).map(OntologyProperty::name).orElse(r.type());
            String key = row.get("s").asString() + " " + predicate + " " + row.get("o").asString();
            List<Claim> claims = Ownership.claims(r);
            List<Claim> left = claims.stream().filter(retracted.negate()).toList();
            if (left.size() == claims.size()) {
                continue;
            }
            touched.relation(row.get("s").asString(), predicate, row.get("o").asString());
            if (left.isEmpty()) {
                deletes.add(r.elementId());
                changes.add(new Change("retracted", key, null, GraphStore.provenance(r), null));
                continue;
            }
            Claim preferred = Claims.preferred(left);
            RelationRecord record = new RelationRecord(row.get("s").asString(), predicate, row.get("o").asString(),
                    preferred.provenance(), 0);
            Map<String, Object> props = GraphWrites.relationProperties(record, preferred.batch());
            props.putAll(Ownership.extras(left));
            updates.add(Map.of("e", r.elementId(), "props", props));
            if (!preferred.provenance().equals(GraphStore.provenance(r))) {
                changes.add(new Change("changed", key, "provenance", GraphStore.provenance(r), preferred.provenance()));
            }
        }
        if (!updates.isEmpty()) {
            tx.run(UPDATE_RELATIONSHIPS, Map.of("rows", updates)).consume();
        }
        if (!deletes.isEmpty()) {
            tx.run(DELETE_RELATIONSHIPS, Map.of("ids", deletes)).consume();
        }
    }

    private void nodes(SimpleQueryRunner tx, List<Node> nodes, Predicate<Claim> retracted, boolean detach,
                       List<Change> changes, Touched touched) {
        List<ResourceRecord> rewritten = new ArrayList<>();
        Map<String, Map<String, Object>> extras = new LinkedHashMap<>();
        Set<String> empty = new LinkedHashSet<>();
        for (Node n : nodes) {
            List<Claim> claims = Ownership.claims(n);
            List<Claim> left = claims.stream().filter(retracted.negate()).toList();
            ResourceRecord before = GraphStore.record(n);
            if (left.size() != claims.size()) {
                touched.resources.add(before.id());
            }
            if (left.isEmpty()) {
                empty.add(before.id());
                continue;
            }
            if (left.size() == claims.size()) {
                continue;
            }
            ResourceRecord after = Claims.effective(before.id(), before.iri(), left);
            List<Change> fields = new ArrayList<>();
            Ownership.compare(before, after, fields);
            fields.stream().filter(c -> !"unchanged".equals(c.action())).forEach(changes::add);
            rewritten.add(after);
            extras.put(before.id(), Ownership.extras(left));
        }
        if (!rewritten.isEmpty()) {
            writes.writeResources(tx, rewritten, "", GraphStore.DEFAULT_CHUNK, extras);
        }
        if (empty.isEmpty()) {
            return;
        }
        if (detach) {
            // Their relationships go with them: the other ends' relations change too.
            tx.run("""
                    UNWIND $ids AS id MATCH (:Resource {id: id})-[r]-(:Resource)
                    WITH DISTINCT r RETURN startNode(r).id AS s, type(r) AS type, endNode(r).id AS o
                    """, Map.of("ids", List.copyOf(empty))).forEachRemaining(r -> touched.relation(r.get("s").asString(),
                    ontology.findByRelationshipType(r.get("type").asString()).map(OntologyProperty::name)
                            .orElse(r.get("type").asString()), r.get("o").asString()));
        }
        Set<String> gone = new LinkedHashSet<>(tx.run(detach ? DETACH_NODES : DELETE_LONE_NODES,
                Map.of("ids", List.copyOf(empty))).list(r -> r.get("id").asString()));
        gone.forEach(id -> changes.add(new Change("retracted", id, null, null, null)));
        List<String> kept = empty.stream().filter(id -> !gone.contains(id)).toList();
        if (!kept.isEmpty()) {
            tx.run(KEEP_REFERENCED, Map.of("ids", kept)).consume();
            kept.forEach(id -> changes.add(new Change("kept", id, null, "still named by another import's relation", null)));
        }
    }
}
