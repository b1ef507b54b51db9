package io.cigraph.graph;

import io.cigraph.model.BatchSummary;
import io.cigraph.model.ImportBatch;
import io.cigraph.ontology.Ontology;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.springframework.stereotype.Component;

/**
 * The import ledger in the graph, and the writes that take imports back: undoing a batch,
 * retracting a source, replacing a file's version. Each is one Neo4j transaction with its ledger
 * entry (a retraction is an {@code ImportBatch:Retraction} node that counts as held, so a store
 * that missed it lacks it in its ledger and is rebuilt at start); a dry run is the same
 * transaction rolled back. Public because the import pipeline and the web feature use it.
 */
@Component
public class ImportLedger {

    private static final String ENTRIES = """
            MATCH (b:ImportBatch) RETURN b ORDER BY b.importedAt, b.id
            """;
    private static final String ENTRY = "MATCH (b:ImportBatch {id: $id}) RETURN b";
    private static final String LIVE_OF_FILE = """
            MATCH (b:ImportBatch {file: $file}) WHERE b.status IS NULL RETURN b.id AS id
            """;
    private static final String MARK = """
            MATCH (b:ImportBatch) WHERE b.id IN $ids
            SET b.status = $status, b.retractedAt = datetime(), b.replacedBy = $by
            """;
    private static final String RECORD = """
            CREATE (r:ImportBatch:Retraction {sha256: $key, id: $key, status: 'retraction', kind: $kind, target: $target,
                    file: $target, importedAt: datetime(), resources: $resources, relations: $relations, report: $report,
                    touched: $touched, touchedRelations: $touchedRelations})
            """;
    private static final String STATED = """
            MATCH (n:Resource)
            WHERE n.id > $after AND ((n.batch = $id AND n.claims IS NULL) OR $id IN coalesce(n.batches, []))
            RETURN n ORDER BY n.id LIMIT $limit
            """;
    private static final String IS_SOURCE = "MATCH (n:Source {id: $id}) RETURN count(n) > 0 AS found";

    private final Driver driver;
    private final GraphWrites writes;
    private final Retraction retraction;

    ImportLedger(Driver driver, Ontology ontology) {
        this.driver = driver;
        this.writes = new GraphWrites(ontology);
        this.retraction = new Retraction(writes, ontology);
    }

    /**
     * One ledger entry.
     *
     * @param batch      batch id (a retraction's own id for a retraction)
     * @param kind       {@code import}, or {@code undo} / {@code retract-source} for a retraction
     * @param status     {@code live}, {@code replaced}, {@code undone}, or {@code done} for a retraction
     * @param replacedBy the batch of the newer version, for a replaced one
     * @param target     what a retraction took back (a batch or a source id)
     * @param changes    its report: what it created, changed and retracted (capped at {@value ChangeLog#MAX})
     */
    public record Entry(String batch, String file, String sha256, String kind, String status, String importedAt,
                        long resources, long relations, String replacedBy, String retractedAt, String target,
                        List<String> sources, List<Change> changes) {
    }

    /** A page of what one batch stated: each resource as this batch said it. */
    public record StatedPage(String batch, List<Map<String, Object>> resources, String nextCursor) {
    }

    /**
     * One step in an entity's history.
     *
     * @param at      when the import or retraction was made
     * @param batch   the import's batch, or the retraction's id
     * @param kind    {@code import}, {@code undo} or {@code retract-source}
     * @param status  the entry's status now ({@code live}, {@code replaced}, {@code undone}, {@code done})
     * @param changes what it changed about the entity and its relations ({@code stated} for a bulk load's
     *                first statement, which keeps no field-by-field report)
     */
    public record HistoryStep(String at, String batch, String file, String kind, String status, String target,
                              List<String> sources, List<Change> changes) {
    }

    private static final String ENTRIES_WITH_REPORTS = """
            MATCH (b:ImportBatch) RETURN b ORDER BY b.importedAt, b.id
            """;
    private static final String CLAIMS_OF = "MATCH (n:Resource {id: $id}) RETURN n";

    /** What changed about a resource, import by import and retraction by retraction, oldest first. */
    public List<HistoryStep> history(String id) {
        return read(tx -> {
            List<String> claimed = tx.run(CLAIMS_OF, Map.of("id", id)).stream().findFirst()
                    .map(r -> Ownership.claims(r.get("n").asNode()).stream().map(Claims.Claim::batch).toList())
                    .orElse(List.of());
            List<HistoryStep> steps = new ArrayList<>();
            for (Node b : tx.run(ENTRIES_WITH_REPORTS).list(r -> r.get("b").asNode())) {
                Entry e = entry(b, true);
                List<Change> mine = e.changes().stream().filter(c -> c.resource().equals(id) || c.resource().startsWith(id + " ")
                        || c.resource().endsWith(" " + id)).toList();
                if (mine.isEmpty() && e.changes().isEmpty() && claimed.contains(e.batch())) {
                    mine = List.of(new Change("stated", id, null, null, null));
                }
                if (!mine.isEmpty()) {
                    steps.add(new HistoryStep(e.importedAt(), e.batch(), e.file(), e.kind(), e.status(), e.target(),
                            e.sources(), mine));
                }
            }
            if (steps.isEmpty() && claimed.isEmpty()) {
                throw new UnknownResourceException(id);
            }
            return steps;
        });
    }

    /** Every ledger entry in import order, without their change lists. */
    public List<Entry> entries() {
        return read(tx -> tx.run(ENTRIES).list(r -> entry(r.get("b").asNode(), false)));
    }

    public Entry entry(String batch) {
        return read(tx -> tx.run(ENTRY, Map.of("id", batch)).stream().findFirst().map(r -> entry(r.get("b").asNode(), true)))
                .orElseThrow(() -> unknownBatch(batch));
    }

    /** The live batch imported under this file name, if any: importing the name again is its new version. */
    public Optional<String> liveBatchOf(String file) {
        return read(tx -> tx.run(LIVE_OF_FILE, Map.of("file", file)).stream().findFirst().map(r -> r.get("id").asString()));
    }

    /** What a batch stated, {@code limit} resources a page, in id order. */
    public StatedPage stated(String batch, int limit, String cursor) {
        entry(batch);
        String after = cursor == null || cursor.isBlank() ? "" : new String(java.util.Base64.getUrlDecoder().decode(cursor),
                java.nio.charset.StandardCharsets.UTF_8);
        int size = Math.max(1, Math.min(limit, 1000));
        List<Node> nodes = read(tx -> tx.run(STATED, Map.of("id", batch, "after", after, "limit", size + 1))
                .list(r -> r.get("n").asNode()));
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Node n : nodes.subList(0, Math.min(size, nodes.size()))) {
            Ownership.claims(n).stream().filter(c -> c.batch().equals(batch)).findFirst().ifPresent(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", c.resource().id());
                m.put("types", c.resource().types());
                m.put("label", c.resource().label());
                m.put("aliases", ChangeLog.plain(c.resource().aliases()));
                m.put("description", c.resource().description());
                Map<String, Object> props = new java.util.TreeMap<>();
                c.resource().properties().forEach((k, v) -> props.put(k, ChangeLog.plain(v)));
                m.put("properties", props);
                resources.add(m);
            });
        }
        String next = nodes.size() > size ? java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                nodes.get(size - 1).get("id").asString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) : null;
        return new StatedPage(batch, resources, next);
    }

    /** Undoes a live batch: every claim of it is taken back. A dry run rolls back and reports. */
    public List<Change> undo(String batch, boolean dryRun) {
        Entry e = entry(batch);
        if (!"live".equals(e.status()) || !"import".equals(e.kind())) {
            throw new UnknownResourceException(batch, "Batch '" + batch + "' is " + e.status()
                    + ", not a live import: only a live import can be undone (GET /api/imports lists them).");
        }
        return write(dryRun, tx -> {
            Touched touched = new Touched();
            List<Change> changes = retraction.batches(tx, Set.of(batch), touched);
            tx.run(MARK, params("ids", List.of(batch), "status", "undone", "by", null)).consume();
            record(tx, "undo", batch, changes, touched);
            return changes;
        });
    }

    /** Retracts every claim that rests on the source alone. A dry run rolls back and reports. */
    public List<Change> retractSource(String source, boolean dryRun) {
        boolean known = read(tx -> tx.run(IS_SOURCE, Map.of("id", source)).single().get("found").asBoolean());
        if (!known) {
            throw new UnknownResourceException(source, "No source has the id '" + source
                    + "'; GET /api/sources lists them.");
        }
        return write(dryRun, tx -> {
            Touched touched = new Touched();
            List<Change> changes = retraction.source(tx, source, touched);
            record(tx, "retract-source", source, changes, touched);
            return changes;
        });
    }

    /**
     * Writes a batch and, in the same transaction, takes back what the versions it replaces said
     * and it does not say: the new version's claims were merged without theirs ({@link GraphStore#own}).
     */
    public List<Change> replace(OwnedBatch owned, Set<String> replaced, boolean dryRun) {
        return write(dryRun, tx -> {
            ImportBatch batch = owned.effective();
            writes.writeResources(tx, batch.resources(), batch.id(), GraphStore.DEFAULT_CHUNK, owned.nodeExtras());
            writes.writeRelations(tx, batch.relations(), Collections.nCopies(batch.relations().size(), batch.id()),
                    GraphStore.DEFAULT_CHUNK, owned.relationExtras());
            List<Change> changes = new ArrayList<>(owned.changes());
            Touched touched = new Touched();
            changes.addAll(retraction.batches(tx, replaced, touched));
            batch.resources().forEach(r -> touched.resources.add(r.id()));
            batch.relations().forEach(r -> touched.relation(r.subject(), r.predicate(), r.object()));
            GraphWrites.writeLedger(tx, new BatchSummary(batch.id(), batch.file(), batch.sha256(),
                    batch.resources().size(), batch.relations().size()), ChangeLog.json(changes),
                    writes.sources(owned.stated()), touched.resourceList(), touched.relationList());
            tx.run(MARK, params("ids", List.copyOf(replaced), "status", "replaced", "by", batch.id())).consume();
            return changes;
        });
    }

    private void record(Transaction tx, String kind, String target, List<Change> changes, Touched touched) {
        long resources = changes.stream().filter(c -> "retracted".equals(c.action()) && !c.resource().contains(" ")).count();
        long relations = changes.stream().filter(c -> "retracted".equals(c.action()) && c.resource().contains(" ")).count();
        tx.run(RECORD, params("key", "retraction-" + UUID.randomUUID(), "kind", kind, "target", target,
                "resources", resources, "relations", relations, "report", ChangeLog.json(changes),
                "touched", touched.resourceList(), "touchedRelations", touched.relationList())).consume();
    }

    private List<Change> write(boolean dryRun, Function<Transaction, List<Change>> work) {
        try (Session session = driver.session(); Transaction tx = session.beginTransaction()) {
            List<Change> changes = work.apply(tx);
            if (dryRun) {
                tx.rollback();
            } else {
                tx.commit();
            }
            return ChangeLog.plain(changes);
        }
    }

    private <T> T read(Function<org.neo4j.driver.TransactionContext, T> work) {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(work::apply);
        }
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Entry entry(Node b, boolean withChanges) {
        boolean retractionEntry = b.hasLabel("Retraction");
        String status = retractionEntry ? "done" : b.get("status").asString("live");
        return new Entry(b.get("id").asString(), retractionEntry ? null : b.get("file").asString(null), b.get("sha256").asString(),
                retractionEntry ? b.get("kind").asString() : "import", status, text(b.get("importedAt")),
                b.get("resources").asLong(0), b.get("relations").asLong(0), b.get("replacedBy").asString(null),
                text(b.get("retractedAt")), b.get("target").asString(null),
                b.get("sources").isNull() ? List.of() : b.get("sources").asList(Value::asString),
                withChanges ? ChangeLog.read(b.get("report").asString(null)) : null);
    }

    private static String text(Value v) {
        return v.isNull() ? null : v.asZonedDateTime().toOffsetDateTime().toString();
    }

    private static UnknownResourceException unknownBatch(String batch) {
        return new UnknownResourceException(batch, "No import has the batch id '" + batch + "'; GET /api/imports lists them.");
    }
}
