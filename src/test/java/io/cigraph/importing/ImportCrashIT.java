package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * The command-line import killed with SIGKILL at points of a bulk load into empty stores and of
 * an incremental import, each found by the log line the import writes there; then the same
 * import run again. The run after a kill must find the ledger and the three stores agreeing on
 * all of the batch or none of it (after its start-up catch-up), and must then import the file.
 * Prints a table of kill points and outcomes. The kill points of a test run two at a time, each
 * on a data folder of its own: a child's start uses about one core.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportCrashIT {

    private static final Duration RUN = Duration.ofMinutes(3);
    private static final int VENDORS = 40;
    private static final int DEVICES = 120;
    private static final int MORE_DEVICES = 30;
    /** Resources and relations of the first file: a source, the vendors, the devices; one relation a device. */
    private static final long[] FIRST = {1, 1 + VENDORS + DEVICES, DEVICES};
    private static final long[] BOTH = {2, FIRST[1] + MORE_DEVICES, DEVICES + MORE_DEVICES};
    private static final long[] NONE = {0, 0, 0};
    private static final String CHUNKS = "--cigraph.import.chunk-resources=20";

    @TempDir
    static Path root;
    static Path first;
    static Path second;
    static Path loaded;
    static final List<String> TABLE = new ArrayList<>();

    @BeforeAll
    static void files() throws IOException {
        first = root.resolve("first.ttl");
        second = root.resolve("second.ttl");
        Files.writeString(first, devices(0, DEVICES, true), StandardCharsets.UTF_8);
        Files.writeString(second, devices(DEVICES, MORE_DEVICES, false), StandardCharsets.UTF_8);
    }

    /** Devices each developed by a vendor; the first file also describes the vendors and the source. */
    static String devices(int from, int count, boolean vendors) {
        StringBuilder t = new StringBuilder("""
                @prefix kg:  <https://w3id.org/cigraph/ontology#> .
                @prefix res: <https://w3id.org/cigraph/id/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                """);
        if (vendors) {
            t.append("res:crash-report a kg:Article ; rdfs:label \"Crash report\" ; kg:title \"Crash report\" ;"
                    + " kg:publishedOn \"2024-02-01\"^^xsd:date .\n");
            for (int v = 0; v < VENDORS; v++) {
                t.append("res:vendor-%d a kg:Vendor ; rdfs:label \"Vendor %d\" .%n".formatted(v, v));
            }
        }
        for (int d = from; d < from + count; d++) {
            t.append("""
                    res:device-%d a kg:Smartwatch ; rdfs:label "Device %d" .
                    res:vendor-%d kg:develops res:device-%d {| kg:source res:crash-report ; kg:evidence "Vendor %d makes device %d" |} .
                    """.formatted(d, d, d % VENDORS, d, d % VENDORS, d));
        }
        return t.toString();
    }

    @Test
    @Order(1)
    void aBulkLoadKilledAnywhereLeavesAgreeingStoresAndRunsAgain() throws Exception {
        List<String> points = List.of("The stores are empty: bulk loading", "Embedded Neo4j restarted on the imported database",
                "TDB2 bulk load");
        List<Callable<String>> runs = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Path data = root.resolve("bulk-" + i);
            String point = points.get(i);
            runs.add(() -> killAndRunAgain("bulk", new ChildService(data), first, point, NONE, FIRST));
        }
        inPairs(runs);
        loaded = root.resolve("bulk-0");
    }

    @Test
    @Order(2)
    void anIncrementalImportKilledAnywhereLeavesAgreeingStoresAndRunsAgain() throws Exception {
        assertThat(loaded).as("a loaded data folder from the bulk test").isNotNull();
        List<String> points = List.of("staged in every store; committing", "committed to the graph; committing the other stores");
        List<Callable<String>> runs = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Path data = root.resolve("incremental-" + i);
            FileSystemUtils.copyRecursively(loaded, data);
            String point = points.get(i);
            runs.add(() -> killAndRunAgain("incremental", new ChildService(data), second, point, FIRST, BOTH));
        }
        inPairs(runs);
    }

    @Test
    @Order(3)
    void aBulkLoadThroughTheDriverKilledAnywhereLeavesAgreeingStoresAndRunsAgain() throws Exception {
        // As against a remote Neo4j: the bulk load writes through the driver into the live graph.
        List<String> points = List.of("The stores are empty: bulk loading", "every resource written; writing the relations");
        List<Callable<String>> runs = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Path data = root.resolve("driver-bulk-" + i);
            String point = points.get(i);
            runs.add(() -> killAndRunAgain("bulk, driver", new ChildService(data), first, point, NONE, FIRST,
                    "--cigraph.graph.embedded.direct-writes=false"));
        }
        inPairs(runs);
    }

    /** Runs these two at a time; their table rows in their order; the first failure as it was thrown. */
    private static void inPairs(List<Callable<String>> runs) throws Exception {
        try (ExecutorService pair = Executors.newFixedThreadPool(2)) {
            List<Future<String>> rows = new ArrayList<>();
            for (Callable<String> run : runs) {
                rows.add(pair.submit(run));
            }
            for (Future<String> row : rows) {
                try {
                    TABLE.add(row.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw (Exception) e.getCause();
                }
            }
        }
    }

    /** Kills the import at the line, runs it again, checks the stores; the table row. */
    private static String killAndRunAgain(String kind, ChildService child, Path file, String point, long[] before, long[] after,
            String... settings) throws Exception {
        List<String> args = new ArrayList<>(List.of("import", file.toString(), CHUNKS));
        args.addAll(List.of(settings));
        ChildService.Run killed = child.start("killed", args.toArray(String[]::new));
        boolean reached = killed.awaitLine(point, RUN);
        killed.kill();
        assertThat(reached).as("the import reached '%s' before it ended:%n%s", point, killed.text()).isTrue();

        ChildService.Run again = child.start("again", args.toArray(String[]::new));
        int status = again.exit(RUN);
        String output = again.text();
        long[] atStart = again.agreement(0);
        long[] atEnd = again.agreement(1);
        String state = atStart == null ? "disagreeing stores" : java.util.Arrays.equals(atStart, before) ? "none of the batch"
                : java.util.Arrays.equals(atStart, after) ? "all of the batch" : "part of it: " + java.util.Arrays.toString(atStart);
        String rerun = output.contains(": unchanged") ? "unchanged" : output.contains(": imported") ? "imported" : "failed";
        List<String> rebuilt = java.util.stream.Stream.of("tdb2", "lucene")
                .filter(store -> output.contains("Store " + store + " disagrees with the graph")).toList();
        String row = String.format(Locale.ROOT, "| %s | %s | %s | %s | %s (exit %d) |", kind, point,
                rebuilt.isEmpty() ? "-" : String.join(", ", rebuilt), state, rerun, status);

        assertThat(status).as(output).isZero();
        assertThat(atStart).as("the stores agree after the start-up catch-up:%n%s", output).isNotNull();
        assertThat(List.of(java.util.Arrays.toString(before), java.util.Arrays.toString(after)))
                .as("all of the batch or none of it:%n%s", output).contains(java.util.Arrays.toString(atStart));
        assertThat(atEnd).as("the stores agree after the import:%n%s", output).containsExactly(after);
        return row;
    }

    @AfterAll
    static void printTable() {
        System.out.println("""

                | import | killed at the line | rebuilt at the next start | the stores then held | running it again |
                |---|---|---|---|---|""");
        TABLE.forEach(System.out::println);
    }
}
