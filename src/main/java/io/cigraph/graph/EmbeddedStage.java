package io.cigraph.graph;

import io.cigraph.model.BatchSummary;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;

/**
 * The transactional path into the in-process database through its embedded API: a batch in one
 * transaction, with {@code MERGE}'s meaning kept by lookups on the unique id. Cypher would plan
 * one statement per label set and relationship type on first use, which made a small import into
 * a freshly started service take seconds; here there is nothing to plan.
 */
final class EmbeddedStage {

    private EmbeddedStage() {
    }

    static Projection.Staged stage(GraphDatabaseService db, GraphWrites writes, OwnedBatch owned) {
        ImportBatch batch = owned.effective();
        Transaction tx = db.beginTx();
        // A batch's relations name the same few hubs thousands of times: each id is looked up once.
        Map<String, Node> nodes = new HashMap<>();
        Function<String, Node> byId = id -> nodes.computeIfAbsent(id, k -> tx.findNode(EmbeddedWrites.RESOURCE, "id", k));
        try {
            for (ResourceRecord r : batch.resources()) {
                Node found = byId.apply(r.id());
                Node node = found == null ? tx.createNode() : found;
                Map<String, Object> props = GraphWrites.resourceProperties(r, batch.id());
                props.putAll(owned.nodeExtras().getOrDefault(r.id(), Map.of()));
                EmbeddedWrites.replace(node, writes.labels(r), props);
                nodes.put(r.id(), node);
            }
            for (RelationRecord r : batch.relations()) {
                Node a = byId.apply(r.subject());
                Node b = byId.apply(r.object());
                if (a == null || b == null) {
                    // As with MATCH in the Cypher path: the import checked both ends exist, so only a
                    // resource gone meanwhile gets here, and there is nothing to link.
                    continue;
                }
                RelationshipType type = RelationshipType.withName(writes.relationshipType(r));
                Relationship rel = EmbeddedWrites.find(a, b, type);
                Map<String, Object> props = GraphWrites.relationProperties(r, batch.id());
                props.putAll(owned.relationExtras().getOrDefault(OwnedBatch.key(r), Map.of()));
                EmbeddedWrites.replace(rel == null ? a.createRelationshipTo(b, type) : rel, props);
            }
            Node ledger = EmbeddedWrites.ledger(tx, new BatchSummary(batch.id(), batch.file(), batch.sha256(),
                    batch.resources().size(), batch.relations().size()));
            List<String> sources = writes.sources(owned.stated());
            if (ledger != null && !owned.changes().isEmpty()) {
                ledger.setProperty("report", ChangeLog.json(owned.changes()));
            }
            if (ledger != null && !sources.isEmpty()) {
                ledger.setProperty("sources", sources.toArray(String[]::new));
            }
            List<String> touched = GraphWrites.touched(batch);
            if (ledger != null && touched != null) {
                ledger.setProperty("touched", touched.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            tx.close();
            throw e;
        }
        return new Projection.Staged() {
            @Override
            public void commit() {
                try {
                    tx.commit();
                } finally {
                    tx.close();
                }
            }

            @Override
            public void close() {
                tx.close();
            }
        };
    }
}
