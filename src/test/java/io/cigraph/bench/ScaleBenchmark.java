package io.cigraph.bench;

import io.cigraph.CiGraphApplication;
import io.cigraph.graph.EntityQueries;
import io.cigraph.graph.PathQueries;
import io.cigraph.importing.ImportService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scale benchmark: generates a synthetic graph, loads it through the service's import
 * pipeline, loads the same records with the raw driver ({@code UNWIND ... MERGE}, 10k rows a
 * statement) into a second, empty in-process Neo4j, then measures queries and a restart with the
 * graph on disk. Prints a markdown table and writes it to {@code target/bench/report.md}.
 * Figures only: nothing here asserts a time.
 *
 * <p>Usage: {@code ScaleBenchmark [entities]} (default 10,000).
 */
public final class ScaleBenchmark {

    private final List<String[]> rows = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 10_000;
        int status = 0;
        try {
            new ScaleBenchmark().run(scale);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        // Neo4j leaves non-daemon threads behind a failed start: end the process either way.
        System.exit(status);
    }

    private void run(int scale) throws Exception {
        Path work = Path.of("target/bench/work-" + scale);
        deleteTree(work);
        long t0 = System.nanoTime();
        GraphGenerator.Generated data = GraphGenerator.generate(scale, 42, 20_000, work.resolve("import"));
        row("generate", "", seconds(t0), data.entities() + " entities, " + data.relations() + " relations, "
                + data.files().size() + " files", "");

        ConfigurableApplicationContext app = start(work, 0);
        ImportService imports = app.getBean(ImportService.class);
        long t1 = System.nanoTime();
        for (Path file : data.files()) {
            imports.importTurtle(file.getFileName().toString(), Files.readAllBytes(file), false);
        }
        double ours = seconds(t1);
        row("load, end to end (parse, validate, Neo4j + TDB2 + Lucene)", "", ours,
                rate(data.entities(), ours) + " entities/s, " + rate(data.relations(), ours) + " relations/s", "");

        double raw = RawNeo4jLoad.load(data.files(), work.resolve("raw-neo4j"));
        row("load, raw driver UNWIND MERGE (batch 10k) into Neo4j alone", "", raw,
                rate(data.entities(), raw) + " entities/s", String.format(Locale.ROOT, "ours/raw %.2f", ours / raw));

        EntityQueries entities = app.getBean(EntityQueries.class);
        PathQueries paths = app.getBean(PathQueries.class);
        String supernode = supernode(app.getBean(Driver.class));
        latency("supernode " + supernode + ": first page (100) + counts", 200,
                () -> entities.neighbors(supernode, 1, null, null, 100, null));
        SplittableRandom random = new SplittableRandom(7);
        int devices = (int) count(app.getBean(Driver.class), "MATCH (n:Device) RETURN count(n)");
        latency("shortest path between two devices (max 4 hops)", 200, () -> paths.paths(
                "device-" + random.nextInt(devices), "device-" + random.nextInt(devices), 4, 1));
        latency("entity with relations (device)", 500, () -> entities.entity("device-" + random.nextInt(devices), 100));
        app.close();

        long t2 = System.nanoTime();
        ConfigurableApplicationContext again = start(work, 0);
        row("time to ready with the graph on disk", "", seconds(t2), "ledger says all loaded: no re-import", "");
        again.close();

        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        row("peak heap (sum of pool peaks)", "", 0, peakHeap / (1024 * 1024) + " MiB", "");
        row("peak RSS", "", 0, peakRssMiB() + " MiB", "");
        report(scale);
    }

    private static ConfigurableApplicationContext start(Path work, int port) {
        return new SpringApplicationBuilder(CiGraphApplication.class).properties(Map.of(
                "server.port", String.valueOf(port),
                "cigraph.graph.embedded.dir", work.resolve("neo4j").toString(),
                "cigraph.rdf.dir", work.resolve("tdb2").toString(),
                "cigraph.search.dir", work.resolve("index").toString(),
                "cigraph.graph.embedded.bolt-port", "0",
                "cigraph.import.load-at-startup", "false",
                "logging.level.io.cigraph", "info")).run();
    }

    private void latency(String what, int n, Supplier<?> query) {
        for (int i = 0; i < Math.min(50, n); i++) {
            query.get();
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            query.get();
            nanos[i] = System.nanoTime() - s;
        }
        Arrays.sort(nanos);
        row(what, String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6),
                0, n + " runs", "");
    }

    private static String supernode(Driver driver) {
        try (var session = driver.session()) {
            return session.run("MATCH (v:Vendor) RETURN v.id AS id ORDER BY COUNT { (v)--() } DESC LIMIT 1")
                    .single().get("id").asString();
        }
    }

    static long count(Driver driver, String query) {
        try (var session = driver.session()) {
            return session.run(query).single().get(0).asLong();
        }
    }

    private void row(String what, String latency, double secs, String figures, String ratio) {
        rows.add(new String[] {what, latency, secs > 0 ? String.format(Locale.ROOT, "%.1f s", secs) : "", figures, ratio});
        System.out.printf(Locale.ROOT, "%-60s %-28s %8s  %s %s%n", what, latency, rows.getLast()[2], figures, ratio);
    }

    private void report(int scale) throws IOException {
        StringBuilder md = new StringBuilder("## Scale benchmark: " + scale + " entities\n\n"
                + "| measure | latency | time | figures | ratio |\n|---|---|---|---|---|\n");
        rows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
        md.append("\nJVM ").append(System.getProperty("java.version")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB\n");
        Path out = Path.of("target/bench/report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println();
        System.out.println(md);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String rate(long n, double seconds) {
        return String.format(Locale.ROOT, "%,.0f", n / seconds);
    }

    private static long peakRssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static Driver connect(java.net.URI uri) {
        return GraphDatabase.driver(uri, AuthTokens.none());
    }
}
