package io.cigraph.graph;

import io.cigraph.model.Alias;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import io.cigraph.model.Provenance;
import io.cigraph.model.RecordSource;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            "aliasLanguages", "types", "batch");

    // Labels and relationship types are spliced in from the ontology (never from input): static
    // ones let the planner use Neo4j's per-type relationship chains, where dynamic $(...) ones
    // made writes several times slower.
    private static final String WRITE_RESOURCES = """
            UNWIND $rows AS row
            MERGE (n:Resource {id: row.id})
            SET n = row.props
            WITH n, [l IN labels(n) WHERE NOT l IN $labels] AS stale
            REMOVE n:$(stale)
            SET n%s
            """;
    private static final String WRITE_RELATIONS = """
            UNWIND $rows AS row
            MATCH (a:Resource {id: row.s})
            MATCH (b:Resource {id: row.o})
            MERGE (a)-[r:`%s`]->(b)
            SET r = row.props
            """;
    private static final String WRITE_LEDGER = """
            MERGE (b:ImportBatch {sha256: $sha256})
            ON CREATE SET b.id = $id, b.file = $file, b.importedAt = datetime(),
                          b.resources = $resources, b.relations = $relations
            """;

    static final int DEFAULT_CHUNK = 5000;

    private final Driver driver;
    private final Ontology ontology;

    GraphStore(Driver driver, Ontology ontology) {
        this.driver = driver;
        this.ontology = ontology;
    }

    /** Creates the unique constraints the writes rely on; safe to run at every start. */
    @Override
    public void afterPropertiesSet() {
        try (Session session = driver.session()) {
            session.run("CREATE CONSTRAINT resource_id IF NOT EXISTS FOR (n:Resource) REQUIRE n.id IS UNIQUE").consume();
            session.run("CREATE CONSTRAINT import_batch_sha256 IF NOT EXISTS FOR (b:ImportBatch) REQUIRE b.sha256 IS UNIQUE").consume();
            session.run("CALL db.awaitIndexes(300)").consume();
        }
    }

    @Override
    public String name() {
        return "neo4j";
    }

    /** Writes a batch in one open transaction, in chunks of {@code chunkSize} rows a statement. */
    public Staged stage(ImportBatch batch, int chunkSize) {
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
            writeResources(tx, batch, chunkSize);
            writeRelations(tx, batch, chunkSize);
            tx.run(WRITE_LEDGER, Map.of("sha256", batch.sha256(), "id", batch.id(), "file", batch.file(),
                    "resources", batch.resources().size(), "relations", batch.relations().size())).consume();
            return staged;
        } catch (RuntimeException e) {
            staged.close();
            throw e;
        }
    }

    @Override
    public Staged stage(ImportBatch batch) {
        return stage(batch, DEFAULT_CHUNK);
    }

    @Override
    public Set<String> batches() {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(tx -> new HashSet<>(tx.run("MATCH (b:ImportBatch) RETURN b.sha256 AS sha")
                    .list(r -> r.get("sha").asString())));
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
        tx.run("MATCH (n:Resource) WHERE n.id > $after RETURN n ORDER BY n.id LIMIT $size",
                Map.of("after", after, "size", size)).forEachRemaining(r -> resources.add(record(r.get("n").asNode())));
        List<RelationRecord> relations = new ArrayList<>();
        tx.run("""
                MATCH (n:Resource)-[r]->(m:Resource) WHERE n.id IN $ids
                RETURN n.id AS s, r, m.id AS o ORDER BY s, type(r), o
                """, Map.of("ids", resources.stream().map(ResourceRecord::id).toList())).forEachRemaining(r -> {
            Relationship rel = r.get("r").asRelationship();
            ontology.findByRelationshipType(rel.type()).ifPresent(p -> relations.add(new RelationRecord(
                    r.get("s").asString(), p.name(), r.get("o").asString(), provenance(rel), 0)));
        });
        return new ImportBatch("graph", "graph", "", resources, relations);
    }

    private static ResourceRecord record(Node n) {
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

    private static Provenance provenance(Relationship r) {
        if (r.get("source").isNull() && r.get("evidence").isNull()) {
            return Provenance.NONE;
        }
        return new Provenance(r.get("source").asString(null), r.get("evidence").asString(null),
                r.get("confidence").isNull() ? null : r.get("confidence").asDouble(),
                r.get("validFrom").isNull() ? null : r.get("validFrom").asLocalDate(),
                r.get("validTo").isNull() ? null : r.get("validTo").asLocalDate());
    }

    /** Whether a batch with this content hash is already in the graph. */
    public boolean hasBatch(String sha256) {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(tx -> tx.run("MATCH (b:ImportBatch {sha256: $sha}) RETURN count(b) > 0 AS found",
                    Map.of("sha", sha256)).single().get("found").asBoolean());
        }
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

    private static void run(SimpleQueryRunner tx, String query, List<Map<String, Object>> rows, int chunkSize,
                            Map<String, Object> extra) {
        for (int from = 0; from < rows.size(); from += chunkSize) {
            Map<String, Object> params = new HashMap<>(extra);
            params.put("rows", rows.subList(from, Math.min(rows.size(), from + chunkSize)));
            tx.run(query, params).consume();
        }
    }

    /** Resources grouped by label set, each group written with its labels in the statement. */
    private void writeResources(SimpleQueryRunner tx, ImportBatch batch, int chunkSize) {
        Map<List<String>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (ResourceRecord r : batch.resources()) {
            groups.computeIfAbsent(labels(r), k -> new ArrayList<>()).add(resourceRow(r, batch.id()));
        }
        groups.forEach((labels, rows) -> run(tx, WRITE_RESOURCES.formatted(labels.stream().map(l -> ":`" + l + "`")
                .collect(java.util.stream.Collectors.joining())), rows, chunkSize, Map.of("labels", labels)));
    }

    /** Relations grouped by relationship type, each group written with its type in the statement. */
    private void writeRelations(SimpleQueryRunner tx, ImportBatch batch, int chunkSize) {
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (RelationRecord r : batch.relations()) {
            String type = ontology.findProperty(r.predicate()).orElseThrow().relationshipType();
            groups.computeIfAbsent(type, k -> new ArrayList<>()).add(relationRow(r, batch.id()));
        }
        groups.forEach((type, rows) -> run(tx, WRITE_RELATIONS.formatted(type), rows, chunkSize, Map.of()));
    }

    private List<String> labels(ResourceRecord r) {
        List<String> labels = new ArrayList<>(ontology.withSuperclasses(r.types()));
        if (!labels.contains("Resource")) {
            labels.add("Resource");
        }
        return labels;
    }

    private Map<String, Object> resourceRow(ResourceRecord r, String batch) {
        Map<String, Object> props = new LinkedHashMap<>(r.properties());
        props.put("id", r.id());
        props.put("iri", r.iri());
        props.put("types", r.types());
        props.put("batch", batch);
        if (r.label() != null) {
            props.put("label", r.label());
        }
        if (r.description() != null) {
            props.put("description", r.description());
        }
        if (!r.aliases().isEmpty()) {
            props.put("aliases", r.aliases().stream().map(Alias::text).toList());
            props.put("aliasLanguages", r.aliases().stream().map(Alias::language).toList());
        }
        return Map.of("id", r.id(), "props", props);
    }

    private Map<String, Object> relationRow(RelationRecord r, String batch) {
        Map<String, Object> props = new LinkedHashMap<>();
        Provenance p = r.provenance();
        putIfPresent(props, "source", p.source());
        putIfPresent(props, "evidence", p.evidence());
        putIfPresent(props, "confidence", p.confidence());
        putIfPresent(props, "validFrom", p.validFrom());
        putIfPresent(props, "validTo", p.validTo());
        props.put("batch", batch);
        return Map.of("s", r.subject(), "o", r.object(), "props", props);
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
