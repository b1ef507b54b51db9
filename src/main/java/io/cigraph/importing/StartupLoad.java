package io.cigraph.importing;

import io.cigraph.model.StoreContent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Brings the stores up to date at start: catches up any store whose ledger differs from the
 * graph's (or rebuilds them all, when asked to), then loads the bundled data the ledger does not
 * have. It runs as a lifecycle phase before the web server starts, so the port opens on a complete
 * graph rather than serving a half-loaded one; a failure stops the start. The service then
 * compares the stores' counts in the background (see {@link ProjectionSync}); the command line's
 * import compares them first.
 */
@Component
class StartupLoad implements SmartLifecycle {

    /** Before the web server, which starts in a late phase (Integer.MAX_VALUE - 1024). */
    private static final int PHASE = 0;

    private static final Logger LOG = LoggerFactory.getLogger(StartupLoad.class);

    private final ProjectionSync sync;
    private final StartupImport bundled;
    private final ImportService imports;
    private final ImportingProperties properties;
    private volatile boolean running;

    StartupLoad(ProjectionSync sync, StartupImport bundled, ImportService imports, ImportingProperties properties) {
        this.sync = sync;
        this.bundled = bundled;
        this.imports = imports;
        this.properties = properties;
    }

    @Override
    public void start() {
        boolean commandLine = !properties.commandLine().isEmpty();
        sync.clearInterruptedBulkLoad();
        if (properties.rebuildAtStart()) {
            sync.rebuildAll();
        } else if (commandLine) {
            sync.catchUp();
        } else {
            sync.catchUpLedgers();
        }
        bundled.loadBundled();
        if (!commandLine) {
            // The bundled load may have waited for another instance's bulk load into the graph.
            sync.catchUpLedgers();
        }
        if (!commandLine && !properties.rebuildAtStart()) {
            Thread.ofVirtual().name("stores-compare").start(this::compareCounts);
        }
        running = true;
    }

    /**
     * Logs whether the stores agree. Counted without the import lock, so that health answers
     * meanwhile; a difference is counted again under it, since an import that started meanwhile
     * reaches the stores one after another.
     */
    private void compareCounts() {
        try {
            List<StoreContent> contents = sync.contents();
            if (ProjectionSync.differences(contents).isEmpty()) {
                sync.report(contents);
            } else if (imports.whenIdle(sync::report).isEmpty()) {
                LOG.info("The stores' counts were not compared at start: an import was running; /actuator/health compares them");
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not compare the stores' counts after start", e);
        }
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
