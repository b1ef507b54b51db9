package io.cigraph.rdf;

import org.apache.jena.graph.Node;
import org.apache.jena.system.Txn;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The RDF store in {@code /actuator/health} (as {@code tdb2}): up when a read transaction can see
 * the ontology graph, with the folder and its size on disk, which grows with every import until
 * the dataset is compacted (README, "Compacting the RDF store").
 */
@Component("tdb2HealthIndicator")
class TdbHealthIndicator implements HealthIndicator {

    private final RdfStore store;
    private final RdfProperties properties;

    TdbHealthIndicator(RdfStore store, RdfProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public Health health() {
        boolean ontology = Txn.calculateRead(store.dataset(),
                () -> store.dataset().contains(RdfGraphs.ONTOLOGY, Node.ANY, Node.ANY, Node.ANY));
        return (ontology ? Health.up() : Health.down().withDetail("reason", "the ontology graph is empty"))
                .withDetail("folder", properties.dir().toAbsolutePath().toString())
                .withDetail("bytesOnDisk", TdbCompaction.bytes(properties.dir()))
                .build();
    }
}
