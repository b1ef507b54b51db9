package io.cigraph.graph;

import io.cigraph.graph.Views.EdgeView;
import io.cigraph.graph.Views.NodeRef;
import io.cigraph.graph.Views.ProvenanceView;
import io.cigraph.graph.Views.SourceRef;
import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyProperty;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.MapAccessor;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.neo4j.autoconfigure.Neo4jProperties;
import org.springframework.stereotype.Component;

/**
 * Read transactions with the configured timeout, and the mapping of Neo4j values to views,
 * shared by every read feature of the graph. With the in-process Neo4j they run in its own
 * transactions ({@link EmbeddedReads}), otherwise through the driver; the statements and the
 * mapping are the same either way.
 */
@Component
class GraphReads {

    private final Driver driver;
    private final Ontology ontology;
    private final GraphProperties properties;
    private final TransactionConfig config;
    private final EmbeddedReads embedded;

    GraphReads(Driver driver, Ontology ontology, GraphProperties properties, ObjectProvider<EmbeddedNeo4j> neo4j,
            Neo4jProperties neo4jProperties) {
        this.driver = driver;
        this.ontology = ontology;
        this.properties = properties;
        this.config = TransactionConfig.builder().withTimeout(properties.queryTimeout()).build();
        EmbeddedNeo4j inProcess = neo4j.getIfAvailable();
        this.embedded = inProcess == null || !properties.embedded().directReads() ? null
                : new EmbeddedReads(inProcess, properties.queryTimeout(), neo4jProperties.getPool().getMaxConnectionPoolSize(),
                        neo4jProperties.getPool().getConnectionAcquisitionTimeout());
    }

    <T> T read(Function<TransactionContext, T> work) {
        if (embedded != null) {
            return embedded.read(work);
        }
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(work::apply, config);
        }
    }

    int maxRows() {
        return properties.maxRows();
    }

    Ontology ontology() {
        return ontology;
    }

    NodeRef nodeRef(MapAccessor n) {
        return nodeRef(n.get("id"), n.get("label"), n.get("types"));
    }

    /**
     * The columns that a view's query returns for a node it draws, {@code %1$s} the node's variable:
     * its reference ({@link #nodeRef(MapAccessor)} reads them from the row), its element id, and
     * whether it is an observation with which evidence ({@link #addDrawn}). Returning the node itself
     * would read and convert every property it has (descriptions, aliases) for three of them.
     */
    static final String DRAWN = "elementId(%1$s) AS element, %1$s.id AS id, %1$s.label AS label, %1$s.types AS types, "
            + "%1$s:Observation AS observation, %1$s.evidence AS evidence";

    /** Notes a drawn node that is an observation (a row with {@link #DRAWN}'s columns), with its evidence, for {@link #edges}. */
    static void addDrawn(Map<String, String> observations, MapAccessor row) {
        if (row.get("observation").asBoolean(false)) {
            observations.put(row.get("element").asString(), row.get("evidence").asString(null));
        }
    }

    /** Notes a node that is an observation, with its evidence, for {@link #edges}. */
    static void addDrawn(Map<String, String> observations, Node n) {
        if (n.hasLabel("Observation")) {
            observations.put(n.elementId(), n.get("evidence").asString(null));
        }
    }

    NodeRef nodeRef(Value id, Value label, Value types) {
        return new NodeRef(id.asString(null), label.asString(null), types.isNull() ? List.of() : types.asList(Value::asString));
    }

    /**
     * The relationship types of relation names (an inverse name such as {@code developedBy} means its
     * forward type), for filters on relations; {@code null} for no filter.
     *
     * @throws InvalidQueryException on {@code relation} when a name is not a relation of the ontology
     */
    List<String> relationshipTypes(List<String> predicates) {
        if (predicates == null || predicates.isEmpty()) {
            return null;
        }
        Set<String> types = new LinkedHashSet<>();
        for (String name : predicates) {
            OntologyProperty p = ontology.findProperty(name).filter(OntologyProperty::objectProperty)
                    .orElseThrow(() -> new InvalidQueryException("relation", "'" + name + "' is not a relation of the ontology; "
                            + "use names such as develops, runs or partOfSeries (GET /api/ontology lists them)."));
            OntologyProperty forward = p.forward() ? p : ontology.findProperty(p.inverse()).orElse(p);
            types.add(forward.relationshipType());
        }
        return List.copyOf(types);
    }

    /** Source documents by id, to attach titles and dates to the relations that cite them. */
    Map<String, SourceRef> sources(TransactionContext tx, Collection<String> ids) {
        Map<String, SourceRef> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        // Looked up through the unique index on :Resource(id): there is none on :Source alone. Only
        // what a reference shows is read: a source's description can be longer than all of it.
        tx.run("""
                MATCH (s:Resource) WHERE s.id IN $ids AND s:Source
                RETURN s.id AS id, s.title AS title, s.label AS label, s.publisher AS publisher, s.publishedOn AS publishedOn, s.url AS url
                """, Map.of("ids", List.copyOf(ids))).forEachRemaining(r -> found.put(r.get("id").asString(), sourceRef(r)));
        return found;
    }

    /** A source's reference, from its node or from a row of the same names. */
    SourceRef sourceRef(MapAccessor s) {
        return new SourceRef(s.get("id").asString(), s.get("title").asString(s.get("label").asString(null)),
                s.get("publisher").asString(null), date(s.get("publishedOn")), s.get("url").asString(null));
    }

    ProvenanceView provenance(Map<String, Object> props, Map<String, SourceRef> sources) {
        Object source = props.get("source");
        SourceRef ref = source == null ? null : sources.getOrDefault(source.toString(),
                new SourceRef(source.toString(), null, null, null, null));
        Object confidence = props.get("confidence");
        return new ProvenanceView(ref, (String) props.get("evidence"),
                confidence instanceof Number n ? n.doubleValue() : null,
                (LocalDate) props.get("validFrom"), (LocalDate) props.get("validTo"));
    }

    private EdgeView edge(Relationship r, Map<String, String> idsByElement, Map<String, SourceRef> sources) {
        return new EdgeView(r.elementId(), predicateOf(r.type()), r.type(), idsByElement.get(r.startNodeElementId()),
                idsByElement.get(r.endNodeElementId()), provenance(r.asMap(), sources));
    }

    /**
     * The edges as views, their sources looked up. A link of an observation (to what it measures:
     * the entity, the segment, the market, the metric) carries no provenance of its own: it gets
     * the observation's source and evidence, as the entity's own view gives them, rather than none.
     *
     * @param observations the observations among the nodes the edges join, by element id, each
     *     with its evidence ({@link #addDrawn})
     */
    List<EdgeView> edges(TransactionContext tx, List<Relationship> edges, Map<String, String> idsByElement, Map<String, String> observations) {
        Map<String, String> observationSources = new HashMap<>();
        if (!observations.isEmpty()) {
            tx.run("MATCH (o)-[:SOURCE]->(s:Source) WHERE elementId(o) IN $elements RETURN elementId(o) AS o, s.id AS s",
                    Map.of("elements", List.copyOf(observations.keySet())))
                    .forEachRemaining(r -> observationSources.putIfAbsent(r.get("o").asString(), r.get("s").asString()));
        }
        Set<String> ids = new HashSet<>(observationSources.values());
        edges.forEach(r -> {
            String source = r.get("source").asString(null);
            if (source != null) {
                ids.add(source);
            }
        });
        Map<String, SourceRef> sources = sources(tx, ids);
        return edges.stream().map(r -> {
            EdgeView view = edge(r, idsByElement, sources);
            String observation = observationSources.containsKey(r.startNodeElementId()) ? r.startNodeElementId()
                    : observationSources.containsKey(r.endNodeElementId()) ? r.endNodeElementId() : null;
            if (view.provenance().source() != null || observation == null || r.type().equals("SOURCE")) {
                return view;
            }
            return new EdgeView(view.id(), view.predicate(), view.relationshipType(), view.from(), view.to(),
                    new ProvenanceView(sources.get(observationSources.get(observation)),
                            observations.get(observation), null, null, null));
        }).toList();
    }

    /** Ontology property name of a relationship type; the type itself for types the ontology lacks. */
    String predicateOf(String relationshipType) {
        return ontology.findByRelationshipType(relationshipType).map(OntologyProperty::name).orElse(relationshipType);
    }

    static LocalDate date(Value v) {
        return v == null || v.isNull() ? null : v.asLocalDate();
    }
}
