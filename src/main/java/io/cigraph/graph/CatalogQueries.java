package io.cigraph.graph;

import io.cigraph.graph.Views.Fact;
import io.cigraph.graph.Views.ImportBatchView;
import io.cigraph.graph.Views.ObservationView;
import io.cigraph.graph.Views.SourceDetail;
import io.cigraph.graph.Views.SourceRef;
import io.cigraph.graph.Views.SourceSummary;
import io.cigraph.graph.Views.Stats;
import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.springframework.stereotype.Component;

/**
 * Sources with the facts that cite them, counts per class and relation type, and the import
 * ledger. Counts come from Neo4j's count store. Public because the web feature asks it.
 */
@Component
public class CatalogQueries {

    private static final String SOURCES = """
            MATCH (s:Source)
            RETURN s, COUNT { (:Observation)-[:SOURCE]->(s) } AS observations
            ORDER BY s.id
            """;
    private static final String CITATIONS = """
            MATCH ()-[r]->() WHERE r.source IS NOT NULL
            RETURN r.source AS source, count(r) AS relations
            """;
    private static final String FACTS = """
            MATCH (a:Resource)-[r]->(b:Resource) WHERE r.source = $id
            RETURN a, type(r) AS type, b, r
            ORDER BY a.id, type, b.id, elementId(r)
            SKIP $offset LIMIT $limit
            """;
    private static final String OBSERVATIONS = """
            MATCH (o:Observation)-[:SOURCE]->(:Resource:Source {id: $id})
            OPTIONAL MATCH (o)-[:OBSERVATION_OF]->(subject:Resource)
            RETURN o, subject
            ORDER BY o.id, subject.id
            SKIP $offset LIMIT $limit
            """;

    private final GraphReads reads;
    private final Ontology ontology;

    CatalogQueries(GraphReads reads) {
        this.reads = reads;
        this.ontology = reads.ontology();
    }

    public List<SourceSummary> sources() {
        return reads.read(tx -> {
            Map<String, Long> cited = new HashMap<>();
            tx.run(CITATIONS).forEachRemaining(r -> cited.put(r.get("source").asString(), r.get("relations").asLong()));
            List<SourceSummary> sources = new ArrayList<>();
            tx.run(SOURCES).forEachRemaining(r -> {
                Node s = r.get("s").asNode();
                SourceRef ref = reads.sourceRef(s);
                sources.add(new SourceSummary(ref, s.get("description").asString(null), cited.getOrDefault(ref.id(), 0L),
                        r.get("observations").asLong()));
            });
            return sources;
        });
    }

    /**
     * A source with a page of the relations and of the observations that cite it: both lists skip
     * the same number of rows and hold up to {@code limit} each, so one cursor pages through
     * both, and a page is the last when neither list has more.
     */
    public SourceDetail source(String id, int limit, String cursor) {
        if (limit < 1 || limit > reads.maxRows()) {
            throw new InvalidQueryException("limit", "limit must be between 1 and " + reads.maxRows() + "; it was " + limit + ".");
        }
        int offset = Cursor.decode(cursor);
        Map<String, Object> page = Map.of("id", id, "offset", offset, "limit", limit + 1);
        return reads.read(tx -> {
            Record found = tx.run("MATCH (s:Resource:Source {id: $id}) RETURN s", Map.of("id", id)).stream().findFirst()
                    .orElseThrow(() -> UnknownResourceException.ofClass(id, "Source", "No source has the id '" + id
                            + "'. GET /api/sources lists the sources with their ids."));
            Node s = found.get("s").asNode();
            List<Fact> facts = new ArrayList<>();
            tx.run(FACTS, page).forEachRemaining(r -> {
                Map<String, Object> props = r.get("r").asRelationship().asMap();
                var p = reads.provenance(props, Map.of());
                facts.add(new Fact(reads.nodeRef(r.get("a").asNode()), reads.predicateOf(r.get("type").asString()),
                        reads.nodeRef(r.get("b").asNode()), p.evidence(), p.confidence(), p.validFrom(), p.validTo()));
            });
            List<ObservationView> observations = new ArrayList<>();
            tx.run(OBSERVATIONS, page).forEachRemaining(r -> observations.add(
                    observation(r.get("o").asNode(), r.get("subject"))));
            boolean more = facts.size() > limit || observations.size() > limit;
            return new SourceDetail(reads.sourceRef(s), s.get("description").asString(null),
                    facts.subList(0, Math.min(limit, facts.size())),
                    observations.subList(0, Math.min(limit, observations.size())), more,
                    more ? Cursor.encode(offset + limit) : null);
        });
    }

    public Stats stats() {
        return reads.read(tx -> {
            Map<String, Long> classes = new LinkedHashMap<>();
            for (OntologyClass c : ontology.classes()) {
                long n = count(tx, "MATCH (n:`" + c.name() + "`) RETURN count(n) AS c");
                if (n > 0) {
                    classes.put(c.name(), n);
                }
            }
            Map<String, Long> relations = new LinkedHashMap<>();
            for (String type : ontology.relationshipTypes()) {
                long n = count(tx, "MATCH ()-[r:`" + type + "`]->() RETURN count(r) AS c");
                if (n > 0) {
                    relations.put(reads.predicateOf(type), n);
                }
            }
            List<ImportBatchView> batches = new ArrayList<>();
            // The live imports: replaced and undone ones, and retractions, are the ledger's (GET /api/imports).
            tx.run("MATCH (b:ImportBatch) WHERE b.status IS NULL RETURN b ORDER BY b.importedAt, b.file").forEachRemaining(r -> {
                Node b = r.get("b").asNode();
                batches.add(new ImportBatchView(b.get("id").asString(), b.get("file").asString(), b.get("sha256").asString(),
                        b.get("importedAt").isNull() ? null : b.get("importedAt").asZonedDateTime().toString(),
                        b.get("resources").asLong(0), b.get("relations").asLong(0)));
            });
            return new Stats(count(tx, "MATCH (n:Resource) RETURN count(n) AS c"),
                    count(tx, "MATCH (:Resource)-[r]->(:Resource) RETURN count(r) AS c"), classes, relations, batches);
        });
    }

    private ObservationView observation(Node o, Value subject) {
        Object value = o.get("value").isNull() ? null : o.get("value").asObject();
        return new ObservationView(o.get("id").asString(), o.get("label").asString(null),
                subject.isNull() ? null : reads.nodeRef(subject.asNode()), o.get("metric").asString(null), value,
                o.get("unit").asString(null), o.get("trend").asString(null), o.get("period").asString(null),
                GraphReads.date(o.get("periodStart")), GraphReads.date(o.get("periodEnd")), o.get("evidence").asString(null));
    }

    private static long count(TransactionContext tx, String query) {
        return tx.run(query).single().get("c").asLong();
    }
}
