package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.io.layout.DatabaseLayout;
import org.neo4j.io.layout.Neo4jLayout;

/**
 * A process stopped after any of the four renames that put a bulk load's database in place: the
 * next start finds the previous database whole, or (after the last rename) the new one whole,
 * and nothing left aside.
 */
class DatabaseSwapTests {

    @TempDir
    Path root;

    private static DatabaseLayout layout(Path home) {
        return Neo4jLayout.of(home).databaseLayout(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    }

    private static void database(Path home, String which) throws IOException {
        DatabaseLayout l = layout(home);
        Files.createDirectories(l.databaseDirectory());
        Files.createDirectories(l.getTransactionLogsDirectory());
        Files.writeString(l.databaseDirectory().resolve("store"), which);
        Files.writeString(l.getTransactionLogsDirectory().resolve("log"), which);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void aSwapStoppedAfterAnyRenameIsEndedWhole(int renames) throws IOException {
        Path live = root.resolve("neo4j");
        Path built = live.resolve("bulk-import");
        database(live, "previous");
        database(built, "imported");
        List<Path[]> moves = List.of(
                new Path[] {layout(live).databaseDirectory(), live.resolve("replaced-store")},
                new Path[] {layout(live).getTransactionLogsDirectory(), live.resolve("replaced-transactions")},
                new Path[] {layout(built).databaseDirectory(), layout(live).databaseDirectory()},
                new Path[] {layout(built).getTransactionLogsDirectory(), layout(live).getTransactionLogsDirectory()});
        for (Path[] move : moves.subList(0, renames)) {
            Files.move(move[0], move[1]);
        }

        new DatabaseSwap(live).recover();

        String expected = renames == 4 ? "imported" : "previous";
        assertThat(Files.readString(layout(live).databaseDirectory().resolve("store"))).isEqualTo(expected);
        assertThat(Files.readString(layout(live).getTransactionLogsDirectory().resolve("log"))).isEqualTo(expected);
        assertThat(live.resolve("replaced-store")).doesNotExist();
        assertThat(live.resolve("replaced-transactions")).doesNotExist();
    }
}
