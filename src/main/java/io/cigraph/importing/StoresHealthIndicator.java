package io.cigraph.importing;

import io.cigraph.model.StoreContent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the stores agree, in {@code /actuator/health} (as {@code stores}): each store's batches,
 * resources and relations, and DOWN with what differs when one disagrees with the graph, however
 * that came about. {@code rebuild} on the command line (or a restart, for a difference in the
 * ledgers) brings the others back in line. While an import runs the stores are not compared: its
 * batch reaches them one after another.
 */
@Component("storesHealthIndicator")
class StoresHealthIndicator implements HealthIndicator {

    private final ImportService imports;
    private final ProjectionSync sync;

    StoresHealthIndicator(ImportService imports, ProjectionSync sync) {
        this.imports = imports;
        this.sync = sync;
    }

    @Override
    public Health health() {
        Optional<List<StoreContent>> compared = imports.whenIdle(sync::contents);
        if (compared.isEmpty()) {
            return Health.up().withDetail("importing", "an import is running; the stores are compared once it ends").build();
        }
        List<StoreContent> contents = compared.get();
        Map<String, String> differences = ProjectionSync.differences(contents);
        Health.Builder health = differences.isEmpty() ? Health.up() : Health.down().withDetail("differs", differences);
        contents.forEach(c -> health.withDetail(c.store(), Map.of("batches", c.batches().size(),
                "resources", c.resources(), "relations", c.relations())));
        return health.build();
    }
}
