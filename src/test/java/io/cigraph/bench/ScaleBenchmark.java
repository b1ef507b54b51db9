package io.cigraph.bench;

import io.cigraph.CiGraphApplication;
import io.cigraph.graph.EntityQueries;
import io.cigraph.graph.PathQueries;
import io.cigraph.importing.ImportProgress;
import io.cigraph.importing.ImportService;
import io.cigraph.rdf.TdbCompaction;
import io.cigraph.search.EntitySearch;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The scale benchmark, one run: generates a synthetic graph, loads it through the service's
 * import ({@code importFiles} into empty stores), measures queries, search, two-hop SPARQL and
 * Cypher through the endpoints and in-process, and an incremental import into the loaded graph;
 * then the packaged service's time to ready on that data in a separate JVM, and its {@code compact}
 * command on the folders the imports grew; then the raw loads
 * of the same files into each store alone. Prints one markdown table with targets and writes it
 * to {@code target/bench/report.md}. Figures only: a missed target is reported, not failed.
 *
 * <p>Usage: {@code ScaleBenchmark [entities [service jar]]} (defaults 10,000 and the jar in
 * {@code target/}); run it with {@code ./mvnw -Pbench package exec:exec -Dbench.scale=N}.
 */
public final class ScaleBenchmark {

    /** Shortest paths: untimed, then timed, then untimed again before the warm timing; here and over HTTP. */
    static final int PATH_WARMUP = 50;
    static final int PATH_RUNS = 200;
    static final int PATH_WARM = 2_000;

    private final Report report = new Report();
    private final Report.Section load = report.section("Load");
    private final Report.Section queries = report.section("Queries on the loaded graph");
    private final Report.Section start = report.section("Start and memory");
    private final Report.Section serving = report.section("The packaged service, -Xmx2g, over HTTP");
    private final Report.Section disk = report.section("The RDF store on disk");
    /** Set by the graph queries, for the separate JVM's workload. */
    private String supernode;
    private int devices;

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 10_000;
        Path jar = args.length > 1 ? Path.of(args[1]) : Path.of("target/ci-graph-0.1.0-SNAPSHOT.jar");
        int status = 0;
        try {
            new ScaleBenchmark().run(scale, jar);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        // Neo4j leaves non-daemon threads behind a failed start: end the process either way.
        System.exit(status);
    }

    private void run(int scale, Path jar) throws Exception {
        Path work = Path.of("target/bench/work-" + scale + (BenchGraph.separate() ? "-separate" : ""));
        FileSystemUtils.deleteRecursively(work);
        long t0 = System.nanoTime();
        GraphGenerator.Generated data = GraphGenerator.generate(scale, 42, GraphGenerator.PER_FILE, work.resolve("import"));
        long bytes = 0;
        for (Path f : data.files()) {
            bytes += Files.size(f);
        }
        load.add("generate", Report.seconds(seconds(t0)), "", "", Report.count(data.entities()) + " entities, "
                + Report.count(data.relations()) + " relations, " + data.files().size() + " files, " + bytes / (1 << 20) + " MiB");

        OurLoad ours;
        DatasetGraph dataset = null;
        try (ConfigurableApplicationContext app = start(work)) {
            // The service's TDB2 dataset, reached by its folder: TDB2 keeps one dataset per folder
            // in a JVM, so connecting after the service made it gives the service's own, with its
            // layout. Connected first, it would be made with TDB2's default six quad indexes and
            // the service would load into those. Released after the service stops, so that the
            // next process can take the folder's lock.
            dataset = DatabaseMgr.connectDatasetGraph(tdb2(work));
            ImportService imports = app.getBean(ImportService.class);
            long t1 = System.nanoTime();
            long cpu = CpuTime.nanos();
            var reports = imports.importFiles(data.files(), false, ImportProgress.Listener.NONE);
            ours = OurLoad.of(seconds(t1), (CpuTime.nanos() - cpu) / 1e9, reports);
            load.add("import mode", ours.mode(), "", "", "bulk when the stores are empty and the bulk path exists");
            load.add("TDB2 quad indexes", String.join(", ",
                    TDBInternal.getDatasetGraphTDB(dataset).getStoreParams().getQuadIndexes()), "", "", "the dataset loaded");
            graphQueries(app);
            searches(app.getBean(EntitySearch.class), data.labels());
            twoHops(app, dataset);
            long loaded = TdbCompaction.bytes(Path.of(tdb2(work)));
            disk.add("TDB2 folder after the bulk load", mib(loaded), "", "", "");
            Imported last = incremental(imports, app, dataset, data);
            takeBack(imports, app, data, last);
            long grown = TdbCompaction.bytes(Path.of(tdb2(work)));
            disk.add("TDB2 folder after the " + data.extras().size() + " incremental imports", mib(grown), "", "",
                    mib((grown - loaded) / data.extras().size()) + " more an import of " + Report.count(GraphGenerator.EXTRA)
                            + " entities: TDB2 keeps the index blocks each write transaction replaced");
            start.add("peak heap, benchmark JVM (generate, our load, queries)", Memory.peakHeapMiB() + " MiB", "", "",
                    "sum of the heap pools' peaks; max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
            start.add("peak RSS, benchmark JVM (generate, our load, queries)",
                    Memory.peakRssMiB(ProcessHandle.current().pid()) + " MiB", "", "", "before the raw loads");
        } finally {
            if (dataset != null) {
                TDBInternal.expel(dataset, true);
            }
        }
        // Twice in a row: at a million entities one start has taken from 12 to 22 s between runs,
        // and the second finds in the page cache what the first read, where it still fits.
        // The second start then serves queries over HTTP: the -Xmx2g target is about serving, not only starting.
        for (int attempt = 1; attempt <= 2; attempt++) {
            HttpServing http = attempt == 2 ? new HttpServing(serving, data.labels(), supernode, devices) : null;
            ColdStart.Result cold = ColdStart.measure(jar, work, attempt, http);
            String which = attempt == 1 ? "first start after the load" : "second start";
            start.target("time to ready, graph on disk, separate JVM -Xmx2g: " + which, Report.seconds(cold.seconds()), "", "",
                    "≤ 15 s", cold.seconds() <= 15, "packaged jar; no re-import, no re-index; until readiness UP");
            start.add("peak RSS of that JVM at ready: " + which, cold.peakRssMiB() + " MiB", "", "", "");
        }
        Compaction.Result compacted = Compaction.run(jar, work);
        disk.add("compact: the jar's `compact` command, -Xmx2g", Report.seconds(compacted.seconds()), "", "",
                mib(compacted.bytesBefore()) + " to " + mib(compacted.bytesAfter()) + "; launch to exit, service stopped; peak RSS "
                        + compacted.peakRssMiB() + " MiB");
        LoadComparison.compare(load, data, ours, work);
        report.write("Scale benchmark: " + Report.count(data.entities()) + " entities, graph on " + BenchGraph.describe(), notes(),
                Path.of("target/bench/report" + (BenchGraph.separate() ? "-separate" : "") + ".md"));
        BenchGraph.stop();
    }

    private static ConfigurableApplicationContext start(Path work) {
        // As arguments, not default properties: those rank below application.yaml's server.port.
        return new SpringApplicationBuilder(CiGraphApplication.class).run(java.util.stream.Stream.concat(
                BenchGraph.arguments(work).stream(), java.util.stream.Stream.of(
                "--server.port=0",
                "--cigraph.rdf.dir=" + tdb2(work),
                "--cigraph.search.dir=" + work.resolve("index"),
                "--cigraph.import.load-at-startup=false",
                "--logging.level.root=warn",
                "--logging.level.io.cigraph.importing=info",
                // Each store's own account of its bulk load: Neo4j's importer, restart and constraints; TDB2; Lucene.
                "--logging.level.io.cigraph.graph.EmbeddedBulkLoad=info",
                "--logging.level.io.cigraph.rdf.RdfBulkLoad=info")).toArray(String[]::new));
    }

    /** The TDB2 folder, named the same way for the service and for this JVM's own connection to it. */
    private static String tdb2(Path work) {
        return work.resolve("tdb2").toString();
    }

    private void graphQueries(ConfigurableApplicationContext app) {
        EntityQueries entities = app.getBean(EntityQueries.class);
        PathQueries paths = app.getBean(PathQueries.class);
        Driver driver = app.getBean(Driver.class);
        supernode = supernode(driver);
        long degree = count(driver, "MATCH (v:Resource {id: $id}) RETURN COUNT { (v)--() }", Map.of("id", supernode));
        Latency first = Latency.of(50, 200, i -> entities.neighbors(supernode, 1, null, null, 100, null));
        queries.target("supernode neighbourhood, first page (100) + counts", first.toString(), "", "", "p50 ≤ 20 ms",
                first.p50() <= 20, supernode + ", " + Report.count(degree) + " relations");
        SplittableRandom random = new SplittableRandom(7);
        devices = (int) count(driver, "MATCH (n:Device) RETURN count(n)");
        IntConsumer path = i -> {
            int[] pair = devicePair(random, devices);
            paths.paths("device-" + pair[0], "device-" + pair[1], 4, 1, null);
        };
        // Twice: Neo4j's shortest-path code takes a few thousand queries to reach its speed (the JIT
        // compiler is still at work after 2,000 at a million entities), so the first 200 show a
        // service that has just started and the second a service that has been answering a while.
        Latency fresh = Latency.of(PATH_WARMUP, PATH_RUNS, path);
        queries.target("shortest path between two random devices (≤ 4 hops): queries " + (PATH_WARMUP + 1) + "-"
                + (PATH_WARMUP + PATH_RUNS), fresh.toString(), "", "", "p50 ≤ 10 ms", fresh.p50() <= 10,
                "after " + PATH_WARMUP + " untimed");
        Latency warm = Latency.of(PATH_WARM, PATH_RUNS, path);
        queries.target("shortest path between two random devices (≤ 4 hops): after " + Report.count(PATH_WARM) + " more",
                warm.toString(), "", "", "p50 ≤ 10 ms", warm.p50() <= 10, "new pairs; the same code and JVM");
        Latency entity = Latency.of(50, 500, i -> entities.entity("device-" + random.nextInt(devices), 100));
        queries.add("entity with its relations (a device)", entity.toString(), "", "", "");
    }

    private void searches(EntitySearch search, List<String> labels) {
        SearchLatencies s = new SearchLatencies(search, labels);
        Latency term = s.term();
        queries.target("search, term (a name word)", term.toString(), "", "", "p50 ≤ 1 ms, p99 ≤ 10 ms",
                term.p50() <= 1 && term.p99() <= 10, "through EntitySearch: ranking, facets, highlights");
        Latency fuzzy = s.fuzzy();
        queries.target("search, fuzzy (a name word with two letters swapped)", fuzzy.toString(), "", "", "p50 ≤ 10 ms",
                fuzzy.p50() <= 10, "");
        queries.add("search, prefix (a name word's start)", s.prefix().toString(), "", "", "");
        Latency suggest = s.suggest();
        queries.target("suggest (3-6 letters of a name)", suggest.toString(), "", "", "p99 ≤ 2 ms", suggest.p99() <= 2, "");
    }

    private void twoHops(ConfigurableApplicationContext app, DatasetGraph dataset) {
        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        List<String> sample = IntStream.range(0, 50).mapToObj(i -> "device-" + (long) i * devices / 50).toList();
        TwoHopQueries twoHop = new TwoHopQueries(base, app.getBean(Driver.class), dataset, sample);
        Latency[] sparql = twoHop.sparql();
        queries.add("2-hop SPARQL (a device's series' other devices)", "/sparql " + sparql[0], "Jena in-process " + sparql[1],
                Report.ratio(sparql[0].p50() / sparql[1].p50()) + " (p50)", "HTTP, JSON results read whole");
        Latency[] cypher = twoHop.cypher();
        queries.add("2-hop Cypher (the same question)", "/api/cypher " + cypher[0], "driver in-process " + cypher[1],
                Report.ratio(cypher[0].p50() / cypher[1].p50()) + " (p50)", "HTTP, JSON rows read whole");
    }

    /**
     * Imports the extra file into the loaded graph and times it until its last device is found
     * by a search, a SPARQL ASK and a Cypher count (the import returns once every store has
     * committed, so the checks should pass at once).
     */
    /** An import's file, statements and time: the yardstick for taking statements back. */
    record Imported(Path file, long statements, double seconds) {
    }

    private Imported incremental(ImportService imports, ConfigurableApplicationContext app, DatasetGraph dataset,
                                 GraphGenerator.Generated data) throws InterruptedException {
        Imported last = null;
        Visibility visible = new Visibility(app.getBean(EntitySearch.class), dataset, app.getBean(Driver.class));
        List<GraphGenerator.Extra> extras = data.extras();
        for (int i = 0; i < extras.size(); i++) {
            GraphGenerator.Extra extra = extras.get(i);
            long t0 = System.nanoTime();
            var reports = imports.importFiles(List.of(extra.file()), false, ImportProgress.Listener.NONE);
            double imported = seconds(t0);
            last = new Imported(extra.file(), reports.getFirst().resources() + reports.getFirst().relations(), imported);
            visible.await(extra.lastId(), extra.lastLabel());
            double secs = seconds(t0);
            if (i == 0 || i == extras.size() - 1) {
                String which = i == 0 ? "the first after the bulk load" : "import " + (i + 1) + " in a row";
                load.target("incremental import of " + GraphGenerator.EXTRA + " entities, visible in all stores: " + which,
                        Report.seconds(secs), "", "", "≤ 2 s", secs <= 2,
                        "import returned after " + Report.seconds(imported) + "; then a search hit, SPARQL ASK, Cypher count"
                                + (i == 0 ? "; the stores' import code runs for the first time in this JVM" : ""));
            }
        }
        return last;
    }

    /**
     * A new version of the last 1,000-entity file (its content with one line more, so that the
     * ledger takes it as a new version of the same name), then the retraction of the source cited
     * by the number of relations nearest 1% of the graph's, each beside the time importing as many
     * statements took (the last incremental import's rate).
     */
    private void takeBack(ImportService imports, ConfigurableApplicationContext app, GraphGenerator.Generated data,
                          Imported last) throws java.io.IOException {
        double perStatement = last.seconds() / last.statements();
        byte[] next = (java.nio.file.Files.readString(last.file()) + "\n# version 2\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        var version = imports.importTurtle(last.file().getFileName().toString(), next, false);
        double versionSeconds = seconds(t0);
        load.add("new version of a " + Report.count(GraphGenerator.EXTRA) + "-entity file", Report.seconds(versionSeconds), "", "",
                String.format(java.util.Locale.ROOT, "%.1fx importing it (%s); replaced %s; the graph in one transaction, then TDB2 and Lucene follow it (the ids it touched)",
                        versionSeconds / last.seconds(), Report.seconds(last.seconds()), version.replaced()));
        Driver driver = app.getBean(Driver.class);
        long relations = count(driver, "MATCH ()-[r]->() RETURN count(r)", Map.of());
        String source;
        long citing;
        try (var session = driver.session()) {
            var row = session.run("""
                    MATCH ()-[r]->() WHERE r.source IS NOT NULL
                    WITH r.source AS s, count(*) AS n RETURN s, n ORDER BY abs(n - $target) LIMIT 1
                    """, Map.of("target", relations / 100)).single();
            source = row.get("s").asString();
            citing = row.get("n").asLong();
        }
        long t1 = System.nanoTime();
        var retracted = imports.retractSource(source, false);
        double retractSeconds = seconds(t1);
        double sameImport = perStatement * (retracted.retractedResources() + retracted.retractedRelations() + retracted.changed());
        load.add("retract a source behind " + String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * citing / relations)
                        + " of the relations (" + Report.count(citing) + ")", Report.seconds(retractSeconds), "", "",
                String.format(java.util.Locale.ROOT, "%.1fx importing as many statements (%s at the last import's rate); %d resources,"
                                + " %d relations retracted, %d changed; TDB2 and Lucene follow the graph (the ids it touched)",
                        retractSeconds / sameImport, Report.seconds(sameImport), retracted.retractedResources(),
                        retracted.retractedRelations(), retracted.changed()));
    }

    /** Two different device numbers below {@code devices}: a path needs two ends. */
    static int[] devicePair(SplittableRandom random, int devices) {
        int from = random.nextInt(devices);
        return new int[] {from, (from + 1 + random.nextInt(devices - 1)) % devices};
    }

    private static String supernode(Driver driver) {
        try (var session = driver.session()) {
            return session.run("MATCH (v:Vendor) RETURN v.id AS id ORDER BY COUNT { (v)--() } DESC LIMIT 1")
                    .single().get("id").asString();
        }
    }

    static long count(Driver driver, String query) {
        return count(driver, query, Map.of());
    }

    static long count(Driver driver, String query, Map<String, Object> parameters) {
        try (var session = driver.session()) {
            return session.run(query, parameters).single().get(0).asLong();
        }
    }

    private static String notes() {
        return String.format(java.util.Locale.ROOT, """
                JVM %s, %d cores. Load times: ours end to end is `ImportService.importFiles` into empty stores \
                (parse, map, SHACL, write); per store, the time each store spent writing (`storeMillis`). \
                Raw loads run after ours, one at a time, each into a fresh folder and in a JVM of its own \
                (heap %s): Neo4j with the driver \
                (`UNWIND ... MERGE`, 10k rows, parse excluded); TDB2 with Jena's parallel loader on the Turtle \
                files (it parses as it loads: parse included); Lucene with a plain IndexWriter and \
                StandardAnalyzer, one document a resource and one a relation (parse excluded). Latencies \
                after warm-up; searches and suggestions through `EntitySearch` in-process.""",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                RawLoads.heap());
    }

    private static String mib(long bytes) {
        return Report.count(bytes >> 20) + " MiB";
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static Driver connect(URI uri) {
        return GraphDatabase.driver(uri, AuthTokens.none());
    }
}
