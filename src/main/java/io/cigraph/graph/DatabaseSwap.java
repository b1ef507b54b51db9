package io.cigraph.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.io.fs.FileUtils;
import org.neo4j.io.layout.DatabaseLayout;
import org.neo4j.io.layout.Neo4jLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the database a bulk load built in place of the live one, in four renames with Neo4j
 * stopped: the live store and its transaction logs aside, then the new ones in. A process stopped
 * between two renames leaves a folder that Neo4j would start as a new, empty database beside
 * stray folders; {@link #recover} runs before every start and finishes the swap when both new
 * folders are in place, else puts the previous database back. Either way the graph holds a bulk
 * load whole or not at all, with its ledger, which the other stores then follow.
 */
final class DatabaseSwap {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSwap.class);

    private final DatabaseLayout live;
    private final Path asideStore;
    private final Path asideLogs;

    /** @param dir the Neo4j home the live database is in */
    DatabaseSwap(Path dir) {
        this.live = Neo4jLayout.of(dir).databaseLayout(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        this.asideStore = dir.resolve("replaced-store");
        this.asideLogs = dir.resolve("replaced-transactions");
    }

    /** Moves the live database aside and the one in Neo4j home {@code home} in its place. */
    void swap(Path home) throws IOException {
        DatabaseLayout fresh = Neo4jLayout.of(home).databaseLayout(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        FileUtils.deleteDirectory(asideStore);
        FileUtils.deleteDirectory(asideLogs);
        Files.move(live.databaseDirectory(), asideStore);
        Files.move(live.getTransactionLogsDirectory(), asideLogs);
        Files.move(fresh.databaseDirectory(), live.databaseDirectory());
        Files.move(fresh.getTransactionLogsDirectory(), live.getTransactionLogsDirectory());
    }

    /** Puts the database moved aside back in place of whatever is there. */
    void putBack() throws IOException {
        if (Files.exists(asideStore)) {
            FileUtils.deleteDirectory(live.databaseDirectory());
            Files.move(asideStore, live.databaseDirectory());
        }
        if (Files.exists(asideLogs)) {
            FileUtils.deleteDirectory(live.getTransactionLogsDirectory());
            Files.move(asideLogs, live.getTransactionLogsDirectory());
        }
    }

    /** Deletes the database moved aside: the new one is in place. */
    void dropAside() throws IOException {
        FileUtils.deleteDirectory(asideStore);
        FileUtils.deleteDirectory(asideLogs);
    }

    /**
     * Ends a swap that a stopped process left half done, before Neo4j starts: with both new folders
     * in place (the last rename done) the aside ones are deleted, otherwise they go back.
     */
    void recover() {
        if (!Files.exists(asideStore) && !Files.exists(asideLogs)) {
            return;
        }
        try {
            if (Files.isDirectory(live.databaseDirectory()) && Files.isDirectory(live.getTransactionLogsDirectory())) {
                dropAside();
                LOG.warn("A bulk load was stopped after its database was put in place: deleted the database it replaced");
            } else {
                putBack();
                LOG.warn("A bulk load was stopped while its database was being put in place: the previous database is back");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot end the interrupted swap of databases in " + live.getNeo4jLayout().homeDirectory()
                    + ": move " + asideStore + " back to " + live.databaseDirectory() + " by hand", e);
        }
    }
}
