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

    NodeRef nodeRef(Node n) {
        return nodeRef(n.get("id"), n.get("label"), n.get("types"));
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
        // Looked up through the unique index on :Resource(id): there is none on :Source alone.
        tx.run("MATCH (s:Resource) WHERE s.id IN $ids AND s:Source RETURN s", Map.of("ids", List.copyOf(ids))).forEachRemaining(r -> {
            Node s = r.get("s").asNode();
            found.put(s.get("id").asString(), sourceRef(s));
        });
        return found;
    }

    SourceRef sourceRef(Node s) {
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
     * @param nodes the nodes the edges join, to find the observations among
     */
    List<EdgeView> edges(TransactionContext tx, List<Relationship> edges, Map<String, String> idsByElement, Collection<Node> nodes) {
        Map<String, Node> observations = new HashMap<>();
        nodes.stream().filter(n -> n.hasLabel("Observation")).forEach(n -> observations.put(n.elementId(), n));
        Map<String, String> observationSources = new HashMap<>();
        if (!observations.isEmpty()) {
            tx.run("MATCH (o:Resource)-[:SOURCE]->(s:Source) WHERE o.id IN $ids RETURN elementId(o) AS o, s.id AS s",
                    Map.of("ids", observations.values().stream().map(n -> n.get("id").asString()).toList()))
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
                            observations.get(observation).get("evidence").asString(null), null, null, null));
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
