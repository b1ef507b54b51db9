package io.cigraph.graph;

import io.cigraph.model.BatchSummary;
import java.lang.reflect.Array;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * Writing nodes and relationships through the embedded API with the same result as the Cypher
 * statements of {@link GraphWrites}: {@code SET n = props} replaces every property, labels are
 * exactly the record's, and a relationship is one per (start, type, end).
 */
final class EmbeddedWrites {

    static final Label RESOURCE = Label.label("Resource");
    static final Label IMPORT_BATCH = Label.label("ImportBatch");

    private EmbeddedWrites() {
    }

    /** Gives the node exactly these labels and properties. */
    static void replace(Node node, List<String> labels, Map<String, Object> properties) {
        for (Label l : node.getLabels()) {
            if (!labels.contains(l.name())) {
                node.removeLabel(l);
            }
        }
        labels.forEach(l -> node.addLabel(Label.label(l)));
        replace((Entity) node, properties);
    }

    /** Gives the node or relationship exactly these properties. */
    static void replace(Entity entity, Map<String, Object> properties) {
        for (String key : entity.getPropertyKeys()) {
            if (!properties.containsKey(key)) {
                entity.removeProperty(key);
            }
        }
        properties.forEach((k, v) -> entity.setProperty(k, storable(k, v)));
    }

    /** The relationship of this type from {@code a} to {@code b}, or {@code null}. */
    static Relationship find(Node a, Node b, RelationshipType type) {
        // Walk the end with fewer such relationships: the other may be a supernode.
        boolean fromA = a.getDegree(type, Direction.OUTGOING) <= b.getDegree(type, Direction.INCOMING);
        Node near = fromA ? a : b;
        Node far = fromA ? b : a;
        try (ResourceIterator<Relationship> rels = near.getRelationships(fromA ? Direction.OUTGOING : Direction.INCOMING, type)
                .iterator()) {
            while (rels.hasNext()) {
                Relationship rel = rels.next();
                if (rel.getOtherNode(near).equals(far)) {
                    return rel;
                }
            }
        }
        return null;
    }

    /**
     * Records a batch in the ledger unless it is there live, as the Cypher ledger's {@code MERGE} does;
     * returns the node written (new, or live again), or {@code null} when the batch was live already.
     */
    static Node ledger(Transaction tx, BatchSummary b) {
        Node found = tx.findNode(IMPORT_BATCH, "sha256", b.sha256());
        if (found != null && !found.hasProperty("status")) {
            return null;
        }
        if (found != null) {
            // The same content imported again after it was undone or replaced: live again.
            List.of("status", "replacedBy", "retractedAt").forEach(found::removeProperty);
            found.setProperty("importedAt", ZonedDateTime.now());
            return found;
        }
        Node ledger = tx.createNode(IMPORT_BATCH);
        ledgerProperties(b, List.of()).forEach(ledger::setProperty);
        return ledger;
    }

    /** The properties of a batch's ledger node, with the sources it rests on. */
    static Map<String, Object> ledgerProperties(BatchSummary b, List<String> sources) {
        Map<String, Object> props = new java.util.LinkedHashMap<>();
        props.put("sha256", b.sha256());
        props.put("id", b.id());
        props.put("file", b.file());
        props.put("importedAt", ZonedDateTime.now());
        props.put("resources", b.resources());
        props.put("relations", b.relations());
        if (!sources.isEmpty()) {
            props.put("sources", sources.toArray(String[]::new));
        }
        return props;
    }

    /** Neo4j stores lists as arrays of one type; the driver converts them, here it is done by hand. */
    static Object storable(String key, Object value) {
        if (!(value instanceof List<?> list)) {
            return value;
        }
        if (list.isEmpty()) {
            return new String[0];
        }
        Class<?> type = list.getFirst().getClass();
        if (list.stream().anyMatch(v -> v.getClass() != type)) {
            throw new IllegalArgumentException("Property '" + key + "' mixes values of different types: " + list);
        }
        Object array = Array.newInstance(type, list.size());
        for (int i = 0; i < list.size(); i++) {
            Array.set(array, i, list.get(i));
        }
        return array;
    }
}
