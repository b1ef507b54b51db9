package io.cigraph.importing;

import io.cigraph.graph.GraphStore;
import io.cigraph.model.Projection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's RDF store and search index in step with the graph while it runs, so that
 * several instances (replicas behind a load balancer, each with its own disk) on one Neo4j server
 * or cluster all serve what any of them imported, undid or retracted. Every
 * {@code cigraph.import.follow-interval} it compares each store's ledger with the graph's (reads
 * only); a store that is behind follows the graph ({@link ProjectionSync#follow}): entry by entry,
 * what the store holds of the ids the entry touched replaced by what the graph holds of them now,
 * oldest entry first, one store transaction each; a bulk load (which records no ids) rebuilds the
 * store. Each step runs under the import lock, so it never interleaves with this instance's own imports, and the
 * graph's transactions decide between instances: a batch is in the graph whole, with its ledger
 * entry, or not at all, and only a committed entry is followed. The start-up catch-up
 * ({@link StartupLoad}) covers an instance that was down.
 */
@Component
class LedgerFollower implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerFollower.class);

    /** After the start-up load (phase 0), before the web server. */
    private static final int PHASE = 1;

    private static final long NEVER = Long.MIN_VALUE;

    private final GraphStore graph;
    private final List<Projection> projections;
    private final ProjectionSync sync;
    private final ImportService imports;
    private final ImportingProperties properties;
    private final Map<String, Lag> lags = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile ScheduledExecutorService timer;
    private volatile Instant lastFollowed;

    /** The graph's change mark when the stores were last found in step with it; only the timer's thread uses it. */
    private long inStepAt = NEVER;

    /**
     * How far a store is behind the graph, as last compared.
     *
     * @param batches ledger entries it lacks or holds too many of
     * @param since   when the oldest entry it lacks was written to the graph, or null
     */
    record Lag(int batches, String since) {
    }

    LedgerFollower(GraphStore graph, List<Projection> projections, ProjectionSync sync, ImportService imports,
                   ImportingProperties properties) {
        this.graph = graph;
        this.projections = projections;
        this.sync = sync;
        this.imports = imports;
        this.properties = properties;
    }

    @Override
    public void start() {
        boolean oneShot = !properties.commandLine().isEmpty() || properties.rebuildAtStart()
                || !properties.undo().isEmpty() || !properties.retractSource().isEmpty();
        if (oneShot || properties.followInterval().isZero()) {
            return;
        }
        long millis = properties.followInterval().toMillis();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ledger-follower").daemon().factory());
        timer.scheduleWithFixedDelay(this::followQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void followQuietly() {
        try {
            // Nothing committed since the stores were last found in step: nothing to read. Asked
            // before the ledger is read, so a commit during the read is looked at next time. (Each
            // read of the ledgers costs the graph, TDB2 and Lucene a transaction; once a second on
            // an idle in-process graph that was a tenth of a core.)
            OptionalLong mark = graph.changeMark();
            if (mark.isPresent() && mark.getAsLong() == inStepAt) {
                lastFollowed = Instant.now();
                return;
            }
            inStepAt = NEVER;
            // Compared without the import lock first (reads only), so that health and imports never
            // wait for a follower with nothing to do; compared again under it.
            boolean behind = false;
            for (Projection p : projections) {
                if (p != graph) {
                    behind |= !lag(p, graph.behind(p.batches())).inStep();
                }
            }
            if (behind) {
                imports.whenIdle(() -> {
                    follow();
                    return true;
                });
            } else {
                lastFollowed = Instant.now();
                inStepAt = mark.orElse(NEVER);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not follow the graph's ledger; trying again in {}", properties.followInterval(), e);
        }
    }

    /** Brings every store but the graph in step with the graph's ledger; the caller holds the import lock. */
    private void follow() {
        for (Projection p : projections) {
            if (p != graph) {
                sync.follow(p);
                lags.put(p.name(), new Lag(0, null));
            }
        }
        lastFollowed = Instant.now();
    }

    /** Notes how far {@code p} is behind, for health; answers {@code behind}. */
    private GraphStore.Behind lag(Projection p, GraphStore.Behind behind) {
        lags.put(p.name(), new Lag(behind.missing().size() + behind.extra().size(),
                behind.missing().isEmpty() ? null : behind.missing().getFirst().importedAt()));
        return behind;
    }

    /** Whether the stores are followed while the service runs. */
    boolean following() {
        return timer != null;
    }

    /** Each store's lag as last compared, and when the ledger was last read. */
    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("interval", properties.followInterval().toString());
        status.put("lastFollowed", lastFollowed == null ? "never" : lastFollowed.toString());
        lags.forEach((store, lag) -> status.put(store, lag.since() == null ? Map.of("behind", lag.batches())
                : Map.of("behind", lag.batches(), "since", lag.since())));
        return status;
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = timer;
        timer = null;
        if (t != null) {
            t.shutdownNow();
            try {
                t.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
