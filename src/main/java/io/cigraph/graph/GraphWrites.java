package io.cigraph.graph;

import io.cigraph.model.Alias;
import io.cigraph.model.BatchSummary;
import io.cigraph.model.Provenance;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * How records become nodes, relationships and their properties, and the Cypher that writes them.
 * Shared by the transactional path and the bulk load, so both write exactly the same graph.
 */
final class GraphWrites {

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
    // A batch already live is left as it is (importing it again changes nothing, its time and report
    // included); one undone or replaced is live again, with this import's time and report.
    private static final String WRITE_LEDGER = """
            MERGE (b:ImportBatch {sha256: $sha256})
            ON CREATE SET b.id = $id, b.file = $file, b.importedAt = datetime(), b.touched = $touched,
                          b.touchedRelations = $touchedRelations,
                          b.resources = $resources, b.relations = $relations, b.report = $report,
                          b.sources = CASE WHEN size($sources) = 0 THEN null ELSE $sources END
            ON MATCH SET b.importedAt = CASE WHEN b.status IS NULL THEN b.importedAt ELSE datetime() END,
                         b.report = CASE WHEN b.status IS NULL THEN b.report ELSE $report END,
                         b.sources = CASE WHEN b.status IS NULL THEN b.sources
                                          WHEN size($sources) = 0 THEN null ELSE $sources END,
                         b.touched = CASE WHEN b.status IS NULL THEN b.touched ELSE $touched END,
                         b.touchedRelations = CASE WHEN b.status IS NULL THEN b.touchedRelations ELSE $touchedRelations END,
                         b.replacedBy = null, b.retractedAt = null, b.status = null
            """;


    private final Ontology ontology;

    GraphWrites(Ontology ontology) {
        this.ontology = ontology;
    }

    /** The node's labels: its classes, their superclasses, and {@code Resource}. */
    List<String> labels(ResourceRecord r) {
        List<String> labels = new ArrayList<>(ontology.withSuperclasses(r.types()));
        if (!labels.contains("Resource")) {
            labels.add("Resource");
        }
        return labels;
    }

    /** The sources a batch rests on: those its relations cite and those it describes. */
    List<String> sources(io.cigraph.model.ImportBatch batch) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        addSources(batch, ids);
        return List.copyOf(ids);
    }

    /** Adds the sources a batch (or a chunk of one) rests on: those its relations cite and those it describes. */
    void addSources(io.cigraph.model.ImportBatch batch, java.util.Set<String> into) {
        batch.relations().forEach(r -> {
            if (r.provenance().source() != null) {
                into.add(r.provenance().source());
            }
        });
        batch.resources().stream().filter(r -> r.types().stream().anyMatch(t -> ontology.isA(t, "Source")))
                .forEach(r -> into.add(r.id()));
    }

    String relationshipType(RelationRecord r) {
        return ontology.findProperty(r.predicate()).orElseThrow().relationshipType();
    }

    static Map<String, Object> resourceProperties(ResourceRecord r, String batch) {
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
        return props;
    }

    static Map<String, Object> relationProperties(RelationRecord r, String batch) {
        Map<String, Object> props = new LinkedHashMap<>();
        Provenance p = r.provenance();
        putIfPresent(props, "source", p.source());
        putIfPresent(props, "evidence", p.evidence());
        putIfPresent(props, "confidence", p.confidence());
        putIfPresent(props, "validFrom", p.validFrom());
        putIfPresent(props, "validTo", p.validTo());
        props.put("batch", batch);
        return props;
    }

    /** Resources grouped by label set, each group written with its labels in the statement. */
    void writeResources(SimpleQueryRunner tx, List<ResourceRecord> resources, String batch, int chunkSize) {
        writeResources(tx, resources, batch, chunkSize, Map.of());
    }

    /** As {@link #writeResources(SimpleQueryRunner, List, String, int)}, with each node's ownership properties by id. */
    void writeResources(SimpleQueryRunner tx, List<ResourceRecord> resources, String batch, int chunkSize,
                        Map<String, Map<String, Object>> extras) {
        Map<List<String>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (ResourceRecord r : resources) {
            Map<String, Object> props = resourceProperties(r, batch);
            props.putAll(extras.getOrDefault(r.id(), Map.of()));
            groups.computeIfAbsent(labels(r), k -> new ArrayList<>())
                    .add(Map.of("id", r.id(), "props", props));
        }
        groups.forEach((labels, rows) -> run(tx, WRITE_RESOURCES.formatted(labels.stream().map(l -> ":`" + l + "`")
                .collect(Collectors.joining())), rows, chunkSize, Map.of("labels", labels)));
    }

    /** Relations grouped by relationship type, each written with its own batch id. */
    void writeRelations(SimpleQueryRunner tx, List<RelationRecord> relations, List<String> batches, int chunkSize) {
        writeRelations(tx, relations, batches, chunkSize, Map.of());
    }

    /** As above, with each relationship's ownership properties by {@link OwnedBatch#key}. */
    void writeRelations(SimpleQueryRunner tx, List<RelationRecord> relations, List<String> batches, int chunkSize,
                        Map<String, Map<String, Object>> extras) {
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (int i = 0; i < relations.size(); i++) {
            RelationRecord r = relations.get(i);
            Map<String, Object> props = relationProperties(r, batches.get(i));
            props.putAll(extras.getOrDefault(OwnedBatch.key(r), Map.of()));
            groups.computeIfAbsent(relationshipType(r), k -> new ArrayList<>())
                    .add(Map.of("s", r.subject(), "o", r.object(), "props", props));
        }
        groups.forEach((type, rows) -> run(tx, WRITE_RELATIONS.formatted(type), rows, chunkSize, Map.of()));
    }

    static void writeLedger(SimpleQueryRunner tx, BatchSummary batch) {
        writeLedger(tx, batch, null);
    }

    /** Records the batch in the ledger with its report of changes (JSON), or none. */
    static void writeLedger(SimpleQueryRunner tx, BatchSummary batch, String report) {
        writeLedger(tx, batch, report, List.of());
    }

    /** As above, with the sources the batch rests on. */
    static void writeLedger(SimpleQueryRunner tx, BatchSummary batch, String report, List<String> sources) {
        writeLedger(tx, batch, report, sources, null);
    }

    /**
     * As above, with the ids of the resources whose records the batch wrote (those it describes and
     * both ends of its relations), or null when not recorded: what another replica re-reads to follow it.
     */
    static void writeLedger(SimpleQueryRunner tx, BatchSummary batch, String report, List<String> sources,
                            List<String> touched) {
        writeLedger(tx, batch, report, sources, touched, null);
    }

    /**
     * As above, with the relations ({@code "subject predicate object"}) a new version wrote or took
     * back: a store replaces exactly those and the resources touched with what the graph holds.
     */
    static void writeLedger(SimpleQueryRunner tx, BatchSummary batch, String report, List<String> sources,
                            List<String> touched, List<String> touchedRelations) {
        Map<String, Object> params = new HashMap<>();
        params.put("touched", touched);
        params.put("touchedRelations", touchedRelations);
        params.put("sha256", batch.sha256());
        params.put("id", batch.id());
        params.put("file", batch.file());
        params.put("resources", batch.resources());
        params.put("relations", batch.relations());
        params.put("report", report);
        params.put("sources", sources);
        tx.run(WRITE_LEDGER, params).consume();
    }

    /**
     * The ids a transactional write of {@code batch} touches, for its ledger entry; null past
     * {@value #MAX_TOUCHED} (a replica then rebuilds its stores rather than follow it record by record).
     */
    static List<String> touched(io.cigraph.model.ImportBatch batch) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        batch.resources().forEach(r -> ids.add(r.id()));
        batch.relations().forEach(r -> {
            ids.add(r.subject());
            ids.add(r.object());
        });
        return capped(ids);
    }

    /** The ids as a list for a ledger entry, or null past {@value #MAX_TOUCHED}. */
    static List<String> capped(java.util.Collection<String> ids) {
        return ids.size() > MAX_TOUCHED ? null : List.copyOf(ids);
    }

    static final int MAX_TOUCHED = 100_000;

    private static void run(SimpleQueryRunner tx, String query, List<Map<String, Object>> rows, int chunkSize,
                            Map<String, Object> extra) {
        for (int from = 0; from < rows.size(); from += chunkSize) {
            Map<String, Object> params = new HashMap<>(extra);
            params.put("rows", rows.subList(from, Math.min(rows.size(), from + chunkSize)));
            tx.run(query, params).consume();
        }
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
