package io.cigraph.importing;

import io.cigraph.graph.GraphStore;
import io.cigraph.model.Projection;
import io.cigraph.model.StoreContent;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 *
 * <p>A store that only lacks ledger entries another instance wrote (or holds entries another
 * instance undid) is being followed ({@link LedgerFollower}): it is UP with how far behind it is
 * ({@code behind}: entries, and when the oldest it lacks was written), unless that entry is older
 * than {@value #STALE_SECONDS} seconds, when the follower is evidently stuck and it is DOWN.
 */
@Component("storesHealthIndicator")
class StoresHealthIndicator implements HealthIndicator {

    static final long STALE_SECONDS = 60;

    private final ImportService imports;
    private final ProjectionSync sync;
    private final LedgerFollower follower;
    private final GraphStore graph;
    private final List<Projection> projections;

    StoresHealthIndicator(ImportService imports, ProjectionSync sync, LedgerFollower follower, GraphStore graph,
                          List<Projection> projections) {
        this.imports = imports;
        this.sync = sync;
        this.follower = follower;
        this.graph = graph;
        this.projections = projections;
    }

    @Override
    public Health health() {
        Optional<List<StoreContent>> compared = imports.whenIdle(sync::contents);
        if (compared.isEmpty()) {
            return Health.up().withDetail("importing", "an import is running; the stores are compared once it ends").build();
        }
        List<StoreContent> contents = compared.get();
        Map<String, String> differences = ProjectionSync.differences(contents);
        Map<String, Object> behind = new LinkedHashMap<>();
        boolean stale = false;
        if (follower.following()) {
            for (Projection p : projections) {
                if (p != graph && differences.containsKey(p.name())) {
                    GraphStore.Behind b = graph.behind(p.batches());
                    if (!b.inStep()) {
                        String since = b.missing().isEmpty() ? null : b.missing().getFirst().importedAt();
                        behind.put(p.name(), since == null ? Map.of("batches", b.missing().size() + b.extra().size())
                                : Map.of("batches", b.missing().size() + b.extra().size(), "since", since));
                        stale |= since != null && age(since).toSeconds() > STALE_SECONDS;
                        differences.remove(p.name());
                    }
                }
            }
        }
        Health.Builder health = differences.isEmpty() && !stale ? Health.up() : Health.down();
        if (!differences.isEmpty()) {
            health.withDetail("differs", differences);
        }
        if (!behind.isEmpty()) {
            health.withDetail("behind", behind);
        }
        if (follower.following()) {
            health.withDetail("following", follower.status());
        }
        contents.forEach(c -> health.withDetail(c.store(), Map.of("batches", c.batches().size(),
                "resources", c.resources(), "relations", c.relations())));
        return health.build();
    }

    private static Duration age(String since) {
        try {
            return Duration.between(java.time.ZonedDateTime.parse(since).toInstant(), java.time.Instant.now());
        } catch (java.time.format.DateTimeParseException e) {
            return Duration.ZERO;
        }
    }
}
