package io.cigraph.graph;

import io.cigraph.graph.Claims.Claim;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Provenance;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.model.StatedClaim;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;

/**
 * Merges an incoming batch with what the live batches already say of the same resources and
 * relations (see {@link Claims} for the rule), and reads back the claims a node or relationship
 * carries. Everything is read in the caller's transaction, so a dry run and the write see the
 * same graph.
 */
final class Ownership {

    /** The literal property that dates a source: its claims are preferred by it. */
    static final String SOURCE_DATE = "publishedOn";

    private static final String NODES = "UNWIND $ids AS id MATCH (n:Resource {id: id}) RETURN n";
    // Both ends found by id first, so the planner expands into the pair from the end with fewer
    // relationships: a supernode vendor's tens of thousands are not walked for each row.
    private static final String RELATIONSHIPS = """
            UNWIND $rows AS row
            MATCH (a:Resource {id: row.s})
            MATCH (b:Resource {id: row.o})
            MATCH (a)-[r]->(b) WHERE type(r) = row.t
            RETURN row.k AS k, r
            """;
    private static final String SOURCE_DATES = """
            UNWIND $ids AS id MATCH (n:Resource {id: id}) WHERE n.publishedOn IS NOT NULL
            RETURN n.id AS id, n.publishedOn AS date
            """;

    // The date of a batch written alone (a node without claims): the latest of its sources', as
    // the ledger lists them (those it described and those it cited), which is how a batch's own
    // statements are dated when it is written.
    private static final String BATCH_DATES = """
            MATCH (b:ImportBatch) WHERE b.id IN $ids
            UNWIND coalesce(b.sources, []) AS sid
            MATCH (s:Resource {id: sid}) WHERE s.publishedOn IS NOT NULL
            RETURN b.id AS id, max(s.publishedOn) AS date
            """;

    private final GraphWrites writes;

    Ownership(GraphWrites writes) {
        this.writes = writes;
    }

    /**
     * The batch merged with the claims of other live batches, leaving out the claims of
     * {@code replaced} (the versions it replaces) and its own earlier ones.
     */
    OwnedBatch own(SimpleQueryRunner tx, ImportBatch stated, Set<String> replaced, long order) {
        Map<String, LocalDate> dates = sourceDates(tx, stated);
        // The latest of the sources it describes or cites, as an earlier batch's date is found below.
        LocalDate batchDate = dates.values().stream().max(LocalDate::compareTo).orElse(null);
        Map<String, Node> existing = new HashMap<>();
        tx.run(NODES, Map.of("ids", stated.resources().stream().map(ResourceRecord::id).distinct().toList()))
                .forEachRemaining(r -> existing.put(r.get("n").asNode().get("id").asString(), r.get("n").asNode()));
        Map<String, LocalDate> aloneDates = batchDates(tx, existing.values().stream().filter(n -> n.get("claims").isNull())
                .map(n -> n.get("batch").asString("")).distinct().toList());
        List<ResourceRecord> resources = new ArrayList<>();
        List<StatedClaim> stating = new ArrayList<>();
        Map<String, Map<String, Object>> nodeExtras = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>();
        Map<String, ResourceRecord> byId = new LinkedHashMap<>();
        stated.resources().forEach(r -> byId.put(r.id(), r));
        for (ResourceRecord r : byId.values()) {
            Node before = existing.get(r.id());
            List<Claim> claims = before == null ? new ArrayList<>() : others(claims(before, aloneDates), stated.id(), replaced);
            claims.add(new Claim(stated.id(), order, batchDate, null, r, null));
            ResourceRecord effective = Claims.effective(r.id(), r.iri(), claims);
            resources.add(effective);
            stating.addAll(stated(claims, null));
            nodeExtras.put(r.id(), extras(claims));
            if (before == null) {
                changes.add(new Change("created", r.id(), null, null, null));
            } else {
                compare(GraphStore.record(before), effective, changes);
            }
        }
        Map<String, RelationRecord> relationsByKey = new LinkedHashMap<>();
        stated.relations().forEach(r -> relationsByKey.put(OwnedBatch.key(r), r));
        Map<String, Relationship> existingRelations = new HashMap<>();
        List<Map<String, Object>> rows = relationsByKey.entrySet().stream().map(e -> Map.<String, Object>of("k", e.getKey(),
                "s", e.getValue().subject(), "o", e.getValue().object(), "t", writes.relationshipType(e.getValue()))).toList();
        tx.run(RELATIONSHIPS, Map.of("rows", rows)).forEachRemaining(r -> existingRelations.put(r.get("k").asString(),
                r.get("r").asRelationship()));
        // A relationship written alone is dated by the source its provenance cites, as a new claim is.
        Map<String, LocalDate> citedDates = dates(tx, existingRelations.values().stream().filter(r -> r.get("claims").isNull())
                .map(r -> r.get("source").asString(null)).filter(Objects::nonNull).distinct().toList());
        List<RelationRecord> relations = new ArrayList<>();
        Map<String, Map<String, Object>> relationExtras = new LinkedHashMap<>();
        relationsByKey.forEach((key, r) -> {
            Relationship before = existingRelations.get(key);
            List<Claim> claims = before == null ? new ArrayList<>() : others(claims(before, citedDates), stated.id(), replaced);
            Provenance p = r.provenance();
            claims.add(new Claim(stated.id(), order, p.source() == null ? null : dates.get(p.source()), p.confidence(), null, p));
            Provenance effective = Claims.preferred(claims).provenance();
            relations.add(new RelationRecord(r.subject(), r.predicate(), r.object(), effective, r.line()));
            stating.addAll(stated(claims, r));
            relationExtras.put(key, extras(claims));
            if (before == null) {
                changes.add(new Change("created", key, null, null, null));
            } else {
                Provenance old = GraphStore.provenance(before);
                changes.add(old.equals(effective) ? new Change("unchanged", key, null, null, null)
                        : new Change("changed", key, "provenance", old, effective));
            }
        });
        ImportBatch effective = new ImportBatch(stated.id(), stated.file(), stated.sha256(), resources, relations, stating);
        return new OwnedBatch(stated, effective, nodeExtras, relationExtras, changes);
    }

    /**
     * Each claim as the projections keep it, when there is more than one: of a resource, what it
     * said; of {@code relation} (null for a resource), the relation with the claim's provenance.
     */
    static List<StatedClaim> stated(List<Claim> claims, RelationRecord relation) {
        if (claims.size() < 2) {
            return List.of();
        }
        String preferred = Claims.preferred(claims).batch();
        return claims.stream().map(c -> new StatedClaim(c.batch(), c.batch().equals(preferred),
                relation == null ? c.resource() : null,
                relation == null ? null : new RelationRecord(relation.subject(), relation.predicate(), relation.object(),
                        c.provenance(), 0))).toList();
    }

    /**
     * The ownership properties of a node or relationship with these claims: {@code batch} is the
     * preferred claim's batch; with one claim that is all (the plain properties are its statement,
     * as after a bulk load, so undoing the second of two imports leaves the first's record exactly
     * as it was), with more, {@code claims} and {@code batches} too.
     */
    static Map<String, Object> extras(List<Claim> claims) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("batch", Claims.preferred(claims).batch());
        if (claims.size() > 1) {
            extras.put("claims", Claims.write(claims));
            extras.put("batches", claims.stream().map(Claim::batch).toList());
        }
        return extras;
    }

    private static List<Claim> others(List<Claim> claims, String batch, Set<String> replaced) {
        List<Claim> out = new ArrayList<>();
        for (Claim c : claims) {
            if (!c.batch().equals(batch) && !replaced.contains(c.batch())) {
                out.add(c);
            }
        }
        return out;
    }

    /** A node's claims: its {@code claims}, or, without them, its plain properties as its one batch's. */
    static List<Claim> claims(Node n) {
        return claims(n, Map.of());
    }

    /** As {@link #claims(Node)}, a node written alone dated by its batch's date in {@code batchDates}. */
    private static List<Claim> claims(Node n, Map<String, LocalDate> batchDates) {
        ResourceRecord record = GraphStore.record(n);
        if (!n.get("claims").isNull()) {
            return new ArrayList<>(Claims.read(n.get("claims").asString(), record.id(), record.iri()));
        }
        String batch = n.get("batch").asString("");
        List<Claim> implied = new ArrayList<>();
        implied.add(new Claim(batch, 0, batchDates.get(batch), null, record, null));
        return implied;
    }

    /** A relationship's claims, or, without them, its provenance as its one batch's. */
    static List<Claim> claims(Relationship r) {
        return claims(r, Map.of());
    }

    /** As {@link #claims(Relationship)}, a relationship written alone dated by its source's date in {@code sourceDates}. */
    private static List<Claim> claims(Relationship r, Map<String, LocalDate> sourceDates) {
        if (!r.get("claims").isNull()) {
            return new ArrayList<>(Claims.read(r.get("claims").asString(), null, null));
        }
        Provenance p = GraphStore.provenance(r);
        List<Claim> implied = new ArrayList<>();
        implied.add(new Claim(r.get("batch").asString(""), 0, p.source() == null ? null : sourceDates.get(p.source()),
                p.confidence(), null, p));
        return implied;
    }

    private static Map<String, LocalDate> batchDates(SimpleQueryRunner tx, List<String> batches) {
        Map<String, LocalDate> dates = new HashMap<>();
        if (!batches.isEmpty()) {
            tx.run(BATCH_DATES, Map.of("ids", batches)).forEachRemaining(r -> dates.put(r.get("id").asString(), r.get("date").asLocalDate()));
        }
        return dates;
    }

    private static Map<String, LocalDate> dates(SimpleQueryRunner tx, List<String> sources) {
        Map<String, LocalDate> dates = new HashMap<>();
        if (!sources.isEmpty()) {
            tx.run(SOURCE_DATES, Map.of("ids", sources)).forEachRemaining(r -> dates.put(r.get("id").asString(), r.get("date").asLocalDate()));
        }
        return dates;
    }

    private static Map<String, LocalDate> sourceDates(SimpleQueryRunner tx, ImportBatch stated) {
        Map<String, LocalDate> dates = new HashMap<>();
        List<String> cited = stated.relations().stream().map(r -> r.provenance().source()).filter(Objects::nonNull)
                .distinct().toList();
        dates.putAll(dates(tx, cited));
        stated.resources().forEach(r -> {
            if (r.properties().get(SOURCE_DATE) instanceof LocalDate d) {
                dates.put(r.id(), d);
            }
        });
        return dates;
    }

    /** Field by field, what differs between the record before and after. */
    static void compare(ResourceRecord before, ResourceRecord after, List<Change> changes) {
        int size = changes.size();
        String id = after.id();
        field(changes, id, "types", before.types(), after.types());
        field(changes, id, "label", before.label(), after.label());
        // Names in languages are a set (skos:altLabel): the same ones in another order, as a
        // spreadsheet export lists them by language, are no change.
        if (!new java.util.HashSet<>(before.aliases()).equals(new java.util.HashSet<>(after.aliases()))) {
            field(changes, id, "aliases", before.aliases(), after.aliases());
        }
        field(changes, id, "description", before.description(), after.description());
        Set<String> keys = new java.util.TreeSet<>(before.properties().keySet());
        keys.addAll(after.properties().keySet());
        for (String k : keys) {
            field(changes, id, k, normal(before.properties().get(k)), normal(after.properties().get(k)));
        }
        if (changes.size() == size) {
            changes.add(new Change("unchanged", id, null, null, null));
        }
    }

    private static Object normal(Object v) {
        return v instanceof Collection<?> c ? List.copyOf(c) : v;
    }

    private static void field(List<Change> changes, String id, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(new Change("changed", id, field, before, after));
        }
    }
}
