package io.cigraph.graph;

import io.cigraph.model.Alias;
import io.cigraph.model.BatchSummary;
import io.cigraph.model.BulkLoad;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import io.cigraph.model.Provenance;
import io.cigraph.model.RecordSource;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.model.StatedClaim;
import io.cigraph.model.StoreContent;
import io.cigraph.ontology.Ontology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The graph as a store: writes import batches to Neo4j in one write transaction each, so a batch
 * lands whole or not at all, with {@code UNWIND ... MERGE} on the unique id, so writing the same
 * batch twice changes nothing. The graph is the source of truth: the other stores rebuild from
 * the records it reads back. Public because the import pipeline writes through it.
 */
@Component
@Order(0)
public class GraphStore implements Projection, RecordSource, InitializingBean {

    static final Set<String> RESERVED = Set.of("id", "iri", "label", "description", "aliases",
            "aliasLanguages", "types", "batch", "claims", "batches");

    /**
     * The ledger entries that count as held: live imports, and retractions (so that a store that
     * missed a retraction lacks its entry, and is rebuilt). Undone and replaced batches are not held.
     */
    static final String HELD = "MATCH (b:ImportBatch) WHERE b.status IS NULL OR b.status = 'retraction' RETURN b.sha256 AS sha";

    static final int DEFAULT_CHUNK = 5000;

    /**
     * The label and relationship-type lookup indexes a new Neo4j database has, and the unique
     * constraints the writes rely on. A store that an earlier version bulk-loaded has no lookup
     * indexes: there every match on a label alone ({@code MATCH (b:ImportBatch)}, read by the ledger
     * follower after each commit) scanned every node, 1.5 s of a core per import at 100,000
     * entities. Each is safe to run again; a lookup index under another name counts as existing.
     */
    static final List<String> SCHEMA = List.of(
            "CREATE LOOKUP INDEX node_label_lookup IF NOT EXISTS FOR (n) ON EACH labels(n)",
            "CREATE LOOKUP INDEX relationship_type_lookup IF NOT EXISTS FOR ()-[r]-() ON EACH type(r)",
            "CREATE CONSTRAINT resource_id IF NOT EXISTS FOR (n:Resource) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT import_batch_sha256 IF NOT EXISTS FOR (b:ImportBatch) REQUIRE b.sha256 IS UNIQUE",
            // One bulk load through the driver at a time, whichever instance runs it.
            "CREATE CONSTRAINT bulk_load_key IF NOT EXISTS FOR (m:BulkLoad) REQUIRE m.key IS UNIQUE");

    /** How long a bulk load's mark stays another instance's after its last write; then it counts as abandoned. */
    static final java.time.Duration BULK_LEASE = java.time.Duration.ofMinutes(2);

    private final Driver driver;
    private final Ontology ontology;
    private final GraphWrites writes;
    private final Ownership ownership;

    private final org.springframework.beans.factory.ObjectProvider<EmbeddedNeo4j> embedded;
    private volatile Optional<EmbeddedNeo4j> inProcess;

    /** This instance, as a bulk load's mark names it: its host and its RDF store's folder (one per replica). */
    private final String instance;

    GraphStore(Driver driver, Ontology ontology, org.springframework.beans.factory.ObjectProvider<EmbeddedNeo4j> embedded,
               @org.springframework.beans.factory.annotation.Value("${cigraph.rdf.dir:data/tdb2}") String rdfDir) {
        this.instance = hostName() + ":" + Path.of(rdfDir).toAbsolutePath().normalize();
        this.driver = driver;
        this.ontology = ontology;
        this.writes = new GraphWrites(ontology);
        this.ownership = new Ownership(writes);
        this.embedded = embedded;
    }

    /** Creates the unique constraints the writes rely on; safe to run at every start. */
    @Override
    public void afterPropertiesSet() {
        try (Session session = driver.session()) {
            SCHEMA.forEach(statement -> session.run(statement).consume());
            session.run("CALL db.awaitIndexes(300)").consume();
        }
    }

    @Override
    public String name() {
        return "neo4j";
    }

    /**
     * Writes a batch in one open transaction: through the embedded API when Neo4j runs in-process,
     * else with Cypher, {@code chunkSize} rows a statement.
     */
    public Staged stage(OwnedBatch owned, int chunkSize) {
        ImportBatch batch = owned.effective();
        EmbeddedNeo4j neo4j = embedded();
        if (neo4j != null && neo4j.directWrites().isPresent()) {
            return EmbeddedStage.stage(neo4j.directWrites().get(), writes, owned);
        }
        Session session = driver.session();
        Transaction tx;
        try {
            tx = session.beginTransaction();
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        Staged staged = new Staged() {
            @Override
            public void commit() {
                tx.commit();
            }

            @Override
            public void close() {
                try {
                    tx.close();
                } finally {
                    session.close();
                }
            }
        };
        try {
            excludeBulkLoads(tx);
            writes.writeResources(tx, batch.resources(), batch.id(), chunkSize, owned.nodeExtras());
            writes.writeRelations(tx, batch.relations(), java.util.Collections.nCopies(batch.relations().size(), batch.id()),
                    chunkSize, owned.relationExtras());
            GraphWrites.writeLedger(tx, new BatchSummary(batch.id(), batch.file(), batch.sha256(),
                    batch.resources().size(), batch.relations().size()),
                    owned.changes().isEmpty() ? null : ChangeLog.json(owned.changes()), writes.sources(owned.stated()),
                    GraphWrites.touched(batch));
            return staged;
        } catch (RuntimeException e) {
            staged.close();
            throw e;
        }
    }

    /** Writes a batch as stated, owning what it writes alone (as into an empty graph). */
    @Override
    public Staged stage(ImportBatch batch) {
        return stage(OwnedBatch.alone(batch), DEFAULT_CHUNK);
    }

    /**
     * The batch merged with what the live batches say of the same resources and relations,
     * leaving out what the batches in {@code replaced} said: what {@link #stage(OwnedBatch, int)}
     * writes and the other stores are written from. Read under the import lock, so nothing writes
     * between this and the write.
     */
    public OwnedBatch own(ImportBatch batch, Set<String> replaced) {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(tx -> ownership.own(tx, batch, replaced, System.currentTimeMillis()));
        }
    }

    /**
     * Undoes a bulk load through the driver that stopped before its end (killed, so that it could
     * not delete what it wrote): its {@code :BulkLoad} mark is still there, since the mark goes in
     * the transaction that writes the load's ledger. Its resources and the mark are deleted; nothing
     * else in the database is touched. A bulk load with the embedded importer swaps a whole
     * database in, ledger included, and leaves no mark.
     *
     * @return how many resources were deleted, or -1 when no bulk load was interrupted
     */
    public long clearInterruptedBulkLoad() {
        if (foreignBulkLoad().isPresent()) {
            return -1;
        }
        try (Session session = driver.session()) {
            long orphans = session.executeRead(tx -> tx.run("""
                    OPTIONAL MATCH (m:BulkLoad) WITH count(m) AS marks
                    OPTIONAL MATCH (n:Resource) WITH marks, count(n) AS n
                    RETURN CASE WHEN marks > 0 THEN n ELSE -1 END AS orphans
                    """).single().get("orphans").asLong());
            if (orphans >= 0) {
                session.run(DriverBulkLoad.UNDO).consume();
            }
            return orphans;
        }
    }

    /**
     * Another instance's bulk load into this graph that is running (its mark written to within
     * {@link #BULK_LEASE}), as its owner; empty when there is none, or the mark is this instance's
     * own (a load it was running when it stopped) or abandoned.
     */
    public java.util.Optional<String> foreignBulkLoad() {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(tx -> tx.run("""
                    MATCH (m:BulkLoad)
                    RETURN m.owner AS owner, duration.inSeconds(coalesce(m.heartbeat, m.startedAt), datetime()).seconds AS age
                    """).list()).stream()
                    .filter(r -> !instance.equals(r.get("owner").asString(null)) && r.get("age").asLong() < BULK_LEASE.toSeconds())
                    .map(r -> r.get("owner").asString("an earlier version"))
                    .findFirst();
        }
    }

    /**
     * Waits while another instance bulk-loads into this graph, so that this one decides how to
     * import only once that load's batch is in the graph (or was abandoned).
     */
    public void awaitForeignBulkLoad() {
        long logged = 0;
        for (java.util.Optional<String> other = foreignBulkLoad(); other.isPresent(); other = foreignBulkLoad()) {
            if (System.nanoTime() - logged > 60_000_000_000L) {
                org.slf4j.LoggerFactory.getLogger(GraphStore.class)
                        .info("Waiting for the bulk load that {} is running into this graph", other.get());
                logged = System.nanoTime();
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for another instance's bulk load", e);
            }
        }
    }

    /**
     * Keeps bulk loads out until this transaction ends, or finds one running: merging the bulk-load
     * mark's unique key takes the graph's lock on it, so another instance's load cannot start before
     * this transaction commits (its mark would wait on the lock), and one already running is found.
     * The probe leaves nothing behind. Another instance's bulk load writes into a graph it found
     * empty, so a transactional write meanwhile would interleave with it.
     *
     * @throws BulkLoadElsewhereException when a bulk load holds the mark
     */
    private static void excludeBulkLoads(SimpleQueryRunner tx) {
        boolean running = tx.run("""
                MERGE (m:BulkLoad {key: 'running'}) ON CREATE SET m.probe = true
                RETURN m.probe IS NULL AS running
                """).single().get("running").asBoolean();
        if (running) {
            throw new BulkLoadElsewhereException("A bulk load is running into this graph", null);
        }
        tx.run("MATCH (m:BulkLoad {key: 'running', probe: true}) DELETE m").consume();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    @Override
    public boolean isEmpty() {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(tx -> tx.run("RETURN NOT EXISTS { (:Resource) } AND NOT EXISTS { (:ImportBatch) } AS empty")
                    .single().get("empty").asBoolean());
        }
    }

    /**
     * A bulk load into the empty graph: with Neo4j's batch importer when Neo4j runs in-process (and
     * direct writes are on), else through the driver with the transactional path's statements.
     */
    @Override
    public BulkLoad bulkLoad() {
        EmbeddedNeo4j neo4j = embedded();
        if (neo4j != null && neo4j.directWrites().isPresent()) {
            return new EmbeddedBulkLoad(neo4j, writes);
        }
        return new DriverBulkLoad(driver, writes, DEFAULT_CHUNK, Path.of(System.getProperty("java.io.tmpdir"), "cigraph-bulk-spool"),
                instance);
    }

    @Override
    public Set<String> batches() {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(tx -> new HashSet<>(tx.run(HELD).list(r -> r.get("sha").asString())));
        }
    }

    /** Counts from Neo4j's count store: constant time, however large the graph. */
    @Override
    public StoreContent content() {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(tx -> new StoreContent(name(),
                    new HashSet<>(tx.run(HELD).list(r -> r.get("sha").asString())),
                    tx.run("MATCH (n:Resource) RETURN count(n) AS n").single().get("n").asLong(),
                    tx.run("MATCH ()-[r]->() RETURN count(r) AS n").single().get("n").asLong()));
        }
    }

    @Override
    public void rebuild(RecordSource source) {
        throw new IllegalStateException("The graph is the source of truth: it is imported into, never rebuilt from another store.");
    }

    /** Reads every resource back as canonical records, in id order, with its outgoing relations. */
    @Override
    public void forEachChunk(int size, Consumer<ImportBatch> chunk) {
        String after = "";
        while (true) {
            String from = after;
            ImportBatch batch;
            try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
                batch = session.executeRead(tx -> readChunk(tx, from, size));
            }
            if (batch.resources().isEmpty()) {
                return;
            }
            chunk.accept(batch);
            after = batch.resources().getLast().id();
        }
    }

    private ImportBatch readChunk(SimpleQueryRunner tx, String after, int size) {
        List<ResourceRecord> resources = new ArrayList<>();
        List<StatedClaim> claims = new ArrayList<>();
        tx.run("MATCH (n:Resource) WHERE n.id > $after RETURN n ORDER BY n.id LIMIT $size",
                Map.of("after", after, "size", size)).forEachRemaining(r -> addResource(r.get("n").asNode(), resources, claims));
        List<RelationRecord> relations = new ArrayList<>();
        tx.run("""
                MATCH (n:Resource)-[r]->(m:Resource) WHERE n.id IN $ids
                RETURN n.id AS s, r, m.id AS o ORDER BY s, type(r), o
                """, Map.of("ids", resources.stream().map(ResourceRecord::id).toList())).forEachRemaining(r -> addRelation(r, relations, claims));
        return new ImportBatch("graph", "graph", "", resources, relations, claims);
    }

    static ResourceRecord record(Node n) {
        Map<String, Object> props = new LinkedHashMap<>(n.asMap());
        props.keySet().removeAll(RESERVED);
        return new ResourceRecord(n.get("id").asString(), n.get("iri").asString(), n.get("types").asList(v -> v.asString()),
                n.get("label").asString(null), aliases(n), n.get("description").asString(null), props, 0);
    }

    /** A node's aliases, stored as two parallel lists (Neo4j has no list of maps). */
    static List<Alias> aliases(Node n) {
        if (n.get("aliases").isNull()) {
            return List.of();
        }
        List<String> texts = n.get("aliases").asList(v -> v.asString());
        List<String> languages = n.get("aliasLanguages").asList(v -> v.asString());
        List<Alias> aliases = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            aliases.add(new Alias(texts.get(i), i < languages.size() ? languages.get(i) : ""));
        }
        return aliases;
    }

    static Provenance provenance(Relationship r) {
        if (r.get("source").isNull() && r.get("evidence").isNull()) {
            return Provenance.NONE;
        }
        return new Provenance(r.get("source").asString(null), r.get("evidence").asString(null),
                r.get("confidence").isNull() ? null : r.get("confidence").asDouble(),
                r.get("validFrom").isNull() ? null : r.get("validFrom").asLocalDate(),
                r.get("validTo").isNull() ? null : r.get("validTo").asLocalDate());
    }

    /**
     * A ledger entry the graph holds.
     *
     * @param touched the ids whose records, claims or relations its write changed (an import's,
     *                a retraction's, a new version's), or null when the entry did not record them (a
     *                bulk load, an entry from before they were recorded, one that touched more than
     *                100,000): a store that lacks it is rebuilt
     * @param touchedRelations for an entry that took claims back, the relations ({@code "subject
     *                 predicate object"}) whose claims it changed or that it deleted
     * @param additive whether it only added claims (an import that replaced nothing): a store then
     *                 writes what it stated over what it holds; else it replaces what it holds of
     *                 the resources and relations touched with what the graph holds of them now
     */
    public record HeldEntry(String sha256, String id, String file, String importedAt, List<String> touched,
                            List<String> touchedRelations, boolean additive) {

        /** Whether a store can follow it record by record rather than rebuild. */
        boolean followable() {
            return touched != null && (additive || touchedRelations != null);
        }
    }

    /**
     * How a store's ledger stands against the graph's.
     *
     * @param missing the entries the graph holds and the store lacks, oldest first
     * @param extra   the content hashes the store holds and the graph no longer does (undone, replaced)
     */
    public record Behind(List<HeldEntry> missing, Set<String> extra) {

        public boolean inStep() {
            return missing.isEmpty() && extra.isEmpty();
        }

        /**
         * Whether the store can follow entry by entry: every entry it lacks recorded the ids it
         * touched, and what it holds too many of (undone, replaced) goes with one of them.
         */
        public boolean followable() {
            return !missing.isEmpty() && missing.stream().allMatch(HeldEntry::followable);
        }
    }

    /** The in-process Neo4j, or null; asking Spring each time costs more than what the answer is used for. */
    private EmbeddedNeo4j embedded() {
        Optional<EmbeddedNeo4j> found = inProcess;
        if (found == null) {
            found = Optional.ofNullable(embedded.getIfAvailable());
            inProcess = found;
        }
        return found.orElse(null);
    }

    /**
     * A number that changes whenever the graph may have changed, without asking the database: the
     * in-process database's last committed transaction; empty against a server, where other
     * instances commit and only a read of the ledger tells.
     */
    public OptionalLong changeMark() {
        EmbeddedNeo4j neo4j = embedded();
        return neo4j == null ? OptionalLong.empty() : OptionalLong.of(neo4j.lastCommittedTransaction());
    }

    /** The graph's ledger against a store's ({@code held}, content hashes), in one read. */
    public Behind behind(Set<String> held) {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(tx -> {
                List<HeldEntry> missing = new ArrayList<>();
                Set<String> extra = new HashSet<>(held);
                // What each entry touched is read only for those the store lacks: this runs every
                // follow interval, and an entry's lists can hold up to 100,000 ids.
                tx.run("""
                        MATCH (b:ImportBatch) WHERE b.status IS NULL OR b.status = 'retraction'
                        WITH b, b.sha256 IN $held AS held
                        RETURN b.sha256 AS sha, b.id AS id, b.file AS file, toString(b.importedAt) AS at,
                               CASE WHEN held THEN null ELSE b.touched END AS touched,
                               CASE WHEN held THEN null ELSE b.touchedRelations END AS touchedRelations,
                               NOT held AND NOT b:Retraction AND NOT EXISTS { MATCH (:ImportBatch {replacedBy: b.id}) } AS additive
                        ORDER BY b.importedAt, b.id
                        """, Map.of("held", List.copyOf(held))).forEachRemaining(r -> {
                    String sha = r.get("sha").asString();
                    if (!extra.remove(sha)) {
                        missing.add(new HeldEntry(sha, r.get("id").asString(), r.get("file").asString(null),
                                r.get("at").asString(null), strings(r.get("touched")), strings(r.get("touchedRelations")),
                                r.get("additive").asBoolean()));
                    }
                });
                return new Behind(missing, extra);
            });
        }
    }

    private static List<String> strings(org.neo4j.driver.Value v) {
        return v.isNull() ? null : v.asList(x -> x.asString());
    }

    /**
     * The records a store needs to follow {@code entry}, as the graph holds them now, with what each
     * import said of those that several state: the resources it touched, and the relations it
     * touched (for an entry that took claims back: those of its touched relations still there; for
     * an import: the relations at either end of its resources that its batch claims). A supernode's
     * other relations are left as the store holds them. Read in one transaction; what is gone since
     * is absent.
     */
    public ImportBatch recordsOf(HeldEntry entry) {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(tx -> {
                List<ResourceRecord> resources = new ArrayList<>();
                List<StatedClaim> claims = new ArrayList<>();
                tx.run("UNWIND $ids AS id MATCH (n:Resource {id: id}) RETURN n ORDER BY n.id", Map.of("ids", entry.touched()))
                        .forEachRemaining(r -> addResource(r.get("n").asNode(), resources, claims));
                List<RelationRecord> relations = new ArrayList<>();
                if (entry.additive()) {
                    tx.run("""
                            UNWIND $ids AS id
                            MATCH (n:Resource {id: id})-[r]-(:Resource)
                            WHERE r.batch = $batch OR $batch IN coalesce(r.batches, [])
                            WITH DISTINCT r
                            RETURN startNode(r).id AS s, r, endNode(r).id AS o ORDER BY s, type(r), o
                            """, Map.of("ids", entry.touched(), "batch", entry.id())).forEachRemaining(r -> addRelation(r, relations, claims));
                } else {
                    tx.run("""
                            UNWIND $rows AS row
                            MATCH (a:Resource {id: row.s})-[r]->(b:Resource {id: row.o}) WHERE type(r) = row.type
                            RETURN a.id AS s, r, b.id AS o ORDER BY s, type(r), o
                            """, Map.of("rows", relationRows(entry.touchedRelations()))).forEachRemaining(r -> addRelation(r, relations, claims));
                }
                return new ImportBatch(entry.id(), entry.file() == null ? entry.id() : entry.file(), entry.sha256(),
                        resources, relations, claims);
            });
        }
    }

    /** Relations as {@code "subject predicate object"} keys, as rows of ends and relationship type. */
    private List<Map<String, Object>> relationRows(List<String> keys) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String key : keys) {
            String[] spo = key.split(" ", 3);
            ontology.findProperty(spo[1]).ifPresent(p -> rows.add(Map.of("s", spo[0], "type", p.relationshipType(), "o", spo[2])));
        }
        return rows;
    }

    private static void addResource(Node n, List<ResourceRecord> resources, List<StatedClaim> claims) {
        resources.add(record(n));
        if (!n.get("claims").isNull()) {
            claims.addAll(Ownership.stated(Ownership.claims(n), null));
        }
    }

    private void addRelation(org.neo4j.driver.Record r, List<RelationRecord> relations, List<StatedClaim> claims) {
        Relationship rel = r.get("r").asRelationship();
        ontology.findByRelationshipType(rel.type()).ifPresent(p -> {
            RelationRecord relation = new RelationRecord(r.get("s").asString(), p.name(), r.get("o").asString(), provenance(rel), 0);
            relations.add(relation);
            if (!rel.get("claims").isNull()) {
                claims.addAll(Ownership.stated(Ownership.claims(rel), relation));
            }
        });
    }

    /** Whether a batch with this content hash is already in the graph. */
    public boolean hasBatch(String sha256) {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(tx -> tx.run("MATCH (b:ImportBatch {sha256: $sha}) WHERE b.status IS NULL RETURN count(b) > 0 AS found",
                    Map.of("sha", sha256)).single().get("found").asBoolean());
        }
    }

    /** Resources already in the graph as canonical records, by id, in one read; unknown ids are absent. */
    public Map<String, ResourceRecord> resourcesOf(Collection<String> ids) {
        Map<String, ResourceRecord> found = new HashMap<>();
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            session.executeRead(tx -> {
                tx.run("UNWIND $ids AS id MATCH (n:Resource {id: id}) RETURN n", Map.of("ids", List.copyOf(ids)))
                        .forEachRemaining(r -> {
                            ResourceRecord record = record(r.get("n").asNode());
                            found.put(record.id(), record);
                        });
                return null;
            });
        }
        return found;
    }

    /** The stated classes of resources already in the graph, by id; unknown ids are absent. */
    public Map<String, List<String>> typesOf(Collection<String> ids) {
        Map<String, List<String>> types = new HashMap<>();
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            session.executeRead(tx -> {
                tx.run("UNWIND $ids AS id MATCH (n:Resource {id: id}) RETURN n.id AS id, n.types AS types",
                                Map.of("ids", List.copyOf(ids)))
                        .forEachRemaining(r -> types.put(r.get("id").asString(), r.get("types").asList(v -> v.asString())));
                return null;
            });
        }
        return types;
    }

    /**
     * The relations of resources already in the graph, either direction, as other imports state
     * them: those that only live imports of {@code file} state are left out, since a new version of
     * that file takes them back. For counting a restated resource's relations as the union of its
     * imports holds them (an OS release restated without the {@code releaseOf} another import gives).
     */
    public List<RelationRecord> relationsOf(Collection<String> ids, String file) {
        List<RelationRecord> relations = new ArrayList<>();
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            session.executeRead(tx -> {
                tx.run("""
                                UNWIND $ids AS id
                                MATCH (:Resource {id: id})-[r]-(:Resource)
                                WHERE any(b IN coalesce(r.batches, [r.batch])
                                          WHERE NOT EXISTS { MATCH (x:ImportBatch {id: b, file: $file}) WHERE x.status IS NULL })
                                RETURN DISTINCT startNode(r).id AS s, type(r) AS type, endNode(r).id AS o
                                """, Map.of("ids", List.copyOf(ids), "file", file))
                        .forEachRemaining(r -> ontology.findByRelationshipType(r.get("type").asString()).ifPresent(p ->
                                relations.add(new RelationRecord(r.get("s").asString(), p.name(), r.get("o").asString(),
                                        Provenance.NONE, 0))));
                return null;
            });
        }
        return relations;
    }

    /**
     * The ids of resources whose label or one of whose aliases is one of {@code names}, compared
     * trimmed and in lower case (the names must be given so): a spreadsheet names the targets of
     * its relations as people write them. One scan of the resources, for a batch of names.
     */
    public Map<String, List<String>> idsByName(Collection<String> names) {
        Map<String, List<String>> ids = new HashMap<>();
        if (names.isEmpty()) {
            return ids;
        }
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            session.executeRead(tx -> {
                tx.run("""
                                MATCH (n:Resource)
                                UNWIND [n.label] + coalesce(n.aliases, []) AS name
                                WITH n, toLower(trim(name)) AS name
                                WHERE name IN $names
                                RETURN name, collect(DISTINCT n.id) AS ids
                                """, Map.of("names", List.copyOf(names)))
                        .forEachRemaining(r -> ids.put(r.get("name").asString(), r.get("ids").asList(v -> v.asString())));
                return null;
            });
        }
        return ids;
    }
}
