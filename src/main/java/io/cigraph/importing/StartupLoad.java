package io.cigraph.importing;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Brings the stores up to date at start: catches up any store that disagrees with the graph (or
 * rebuilds them all, when asked to), then loads the
 * bundled data the ledger does not have. It runs as a lifecycle phase before the web server
 * starts, so the port opens on a complete graph rather than serving a half-loaded one; a failure
 * stops the start.
 */
@Component
class StartupLoad implements SmartLifecycle {

    /** Before the web server, which starts in a late phase (Integer.MAX_VALUE - 1024). */
    private static final int PHASE = 0;

    private final ProjectionSync sync;
    private final StartupImport bundled;
    private final ImportingProperties properties;
    private volatile boolean running;

    StartupLoad(ProjectionSync sync, StartupImport bundled, ImportingProperties properties) {
        this.sync = sync;
        this.bundled = bundled;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (properties.rebuildAtStart()) {
            sync.rebuildAll();
        } else {
            sync.catchUp();
        }
        bundled.loadBundled();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
