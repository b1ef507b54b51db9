package io.cigraph.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The serving benchmark: the packaged service in a JVM of its own ({@code -Xmx2g}) and this JVM
 * as its clients, over HTTP on loopback, the way the explorer page and researchers' tools use it.
 * One run measures, in order:
 * <ol>
 * <li>time to ready, twice: the first start on a fresh data folder loads the bundled seed graph
 * (or, given a folder, starts on the graph already there), the second starts on what the first
 * left;</li>
 * <li>the first request to each endpoint after ready, about entities other than those the
 * service's own warm-up asked about;</li>
 * <li>one request at a time, warm: p50 and p99 per endpoint;</li>
 * <li>{@code bench.clients} clients (50), each sending the mix of endpoints in turn, in rounds of
 * 15 s until three rounds in a row serve within 5 % of each other (at most {@code bench.warm-rounds},
 * 16): the JIT compilers take minutes to finish with a code base of this size, and the rounds show
 * how fast the service is in its first minutes and how long it takes to be warm;</li>
 * <li>then, warm, for {@code bench.seconds} (60): the same clients alone: requests per second, p50
 * and p99 per endpoint, answers other than 2xx and connection errors, and the CPU seconds of the
 * service and of this load generator (so that a saturated client is not mistaken for a slow
 * service);</li>
 * <li>the same clients while a writer imports a small file every two seconds, first in rounds
 * until steady as above (the first imports of a service's life send the compilers back to work:
 * code compiled for reads alone is thrown away once the writes run through it too), then for
 * {@code bench.seconds}, measured the same way.</li>
 * </ol>
 * Entity ids come from the graph itself (a Cypher query at the start), so the same run works on
 * the seed graph and on a benchmark graph. Prints one markdown table and writes it to
 * {@code target/bench/serving.md}; figures only, nothing fails on a missed target.
 *
 * <p>Usage: {@code ./mvnw -q -Pbench-serving package exec:exec} for the seed graph, or with
 * {@code -Dbench.data=target/bench/work-100000} for the graph a scale benchmark left (its
 * {@code neo4j}, {@code tdb2} and {@code index} folders); {@code -Dbench.service-args=--a=b,--c=d}
 * adds settings to the service's command line, to compare them.
 */
public final class ServingBenchmark {

    private static final String KEY = "serving-benchmark-key";
    private static final int WARMUP = 200;
    private static final int RUNS = 500;
    private static final int ROUND_SECONDS = 15;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Report report = new Report();
    private final Report.Section start = report.section("Start");
    private final Report.Section first = report.section("First request to each endpoint after ready");
    private final Report.Section early = report.section("One request at a time, right after ready");
    private final Report.Section warming = report.section("Concurrent clients, warming");
    private final Report.Section single = report.section("One request at a time, warm");
    private final Report.Section reading = report.section("Concurrent clients, warm, reads only");
    private final Report.Section warmingWrites = report.section("Concurrent clients, warming with imports");
    private final Report.Section load = report.section("Concurrent clients, warm, while imports run");
    private final AtomicInteger importsSent = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/ci-graph-0.1.0-SNAPSHOT.jar");
        String data = System.getProperty("bench.data", "");
        int clients = Integer.getInteger("bench.clients", 50);
        int seconds = Integer.getInteger("bench.seconds", 60);
        int status = 0;
        try {
            new ServingBenchmark().run(jar, data.isBlank() ? null : Path.of(data), clients, seconds);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private void run(Path jar, Path data, int clients, int seconds) throws Exception {
        Path work;
        if (data == null) {
            work = Path.of("target/bench/serving-seed");
            FileSystemUtils.deleteRecursively(work);
            Files.createDirectories(work);
        } else {
            work = data;
        }
        String graph = data == null ? "seed graph" : "graph in " + data;
        // The first start on the seed graph imports the bundled folder; on a given graph nothing.
        Service service = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            Service s = Service.start(jar, work, attempt, data == null);
            start.add("time to ready, start " + attempt, String.format(Locale.ROOT, "%.2f s", s.readySeconds()), "", "",
                    attempt == 1 && data == null ? "fresh folder: loads the bundled seed graph" : graph + ", nothing to load");
            if (attempt == 1) {
                s.stop();
            } else {
                service = s;
            }
        }
        Service served = service;
        try {
            Endpoints endpoints = Endpoints.discover(http, served.base());
            for (Endpoint e : endpoints.all()) {
                // About the last entity listed: the service's warm-up asks about the first ones.
                long t0 = System.nanoTime();
                int code = send(e.request(served.base(), -1)).status();
                first.target(e.name(), String.format(Locale.ROOT, "%.1f ms", (System.nanoTime() - t0) / 1e6), "", "",
                        "≤ 200 ms", (System.nanoTime() - t0) / 1e6 <= 200, "HTTP " + code);
            }
            // The targets are for a warm service: once before the rounds of concurrent clients (what
            // the first minutes give, the JIT compilers still at work) and once after them.
            for (Endpoint e : endpoints.all()) {
                Latency l = Latency.of(WARMUP, RUNS, i -> expectOk(e, served.base(), i));
                early.add(e.name(), l.toString(), "", "", "after " + WARMUP + " untimed; the compilers still at work");
            }
            int maxRounds = Integer.getInteger("bench.warm-rounds", 16);
            warm(warming, endpoints.all(), served, clients, maxRounds, false);
            for (Endpoint e : endpoints.all()) {
                Latency l = Latency.of(WARMUP, RUNS, i -> expectOk(e, served.base(), i));
                single.target(e.name(), l.toString(), "", "", e.singleTarget(), l.p50() <= e.singleTargetMillis(), "");
            }
            report(reading, concurrent(endpoints.all(), served, clients, seconds, null));
            warm(warmingWrites, endpoints.all(), served, clients, maxRounds, true);
            report(load, concurrent(endpoints.all(), served, clients, seconds, new Recorder()));
            start.add("service peak RSS", Memory.peakRssMiB(service.process().pid()) + " MiB", "", "", "after the load");
        } finally {
            service.stop();
        }
        Path out = Path.of("target/bench/serving.md");
        Files.createDirectories(out.getParent());
        report.write("Serving benchmark: " + graph + ", " + clients + " clients for " + seconds + " s",
                "The service runs in its own JVM with -Xmx2g; this JVM is the clients, over HTTP on loopback.", out);
    }

    /**
     * Rounds of load, with imports or without, until the service is warm: three rounds in a row
     * within 5 % of the best of them (two were met by chance on a slow climb), or {@code maxRounds}.
     * One row: each round's requests per second, and the time it took; with imports, a second row
     * with the imports' latencies over all the rounds.
     */
    private void warm(Report.Section section, List<Endpoint> all, Service service, int clients, int maxRounds, boolean imports)
            throws InterruptedException {
        List<String> rates = new ArrayList<>();
        List<Double> last = new ArrayList<>();
        Recorder written = imports ? new Recorder() : null;
        boolean steady = false;
        long t0 = System.nanoTime();
        for (int round = 0; round < maxRounds && !steady; round++) {
            double rate = concurrent(all, service, clients, ROUND_SECONDS, written).rate();
            rates.add(String.format(Locale.ROOT, "%.0f", rate));
            last.add(rate);
            if (last.size() > 3) {
                last.removeFirst();
            }
            steady = last.size() == 3 && Collections.min(last) >= 0.95 * Collections.max(last);
        }
        section.add("requests per second, rounds of " + ROUND_SECONDS + " s", String.join(", ", rates) + " /s", "", "",
                (steady ? "steady" : "not steady after " + maxRounds + " rounds") + String.format(Locale.ROOT,
                        " after %.0f s of load; %s", (System.nanoTime() - t0) / 1e9, imports ? "an import every 2 s" : "reads only"));
        if (written != null) {
            importsRow(section, "imports in the rounds (POST /api/imports, 20 entities)", written);
        }
    }

    /** What one stretch of concurrent load measured. */
    private record Phase(Map<String, Recorder> recorders, Recorder imports, double wall, double serviceCpu, double ownCpu) {

        long total() {
            return recorders.values().stream().mapToLong(Recorder::count).sum();
        }

        long failed() {
            return recorders.values().stream().mapToLong(r -> r.non2xx() + r.errors()).sum();
        }

        double rate() {
            return total() / wall;
        }
    }

    /**
     * {@code clients} threads sending the mix for {@code seconds}, and a writer importing every 2 s
     * into {@code written} if one is given.
     */
    private Phase concurrent(List<Endpoint> all, Service service, int clients, int seconds, Recorder written)
            throws InterruptedException {
        Map<String, Recorder> recorders = new LinkedHashMap<>();
        all.forEach(e -> recorders.put(e.name(), new Recorder()));
        long serviceCpu0 = service.cpuNanos();
        long ownCpu0 = CpuTime.nanos();
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                SplittableRandom random = new SplittableRandom(client);
                int i = client;
                while (System.nanoTime() < deadline) {
                    Endpoint e = all.get(i++ % all.size());
                    recorders.get(e.name()).time(() -> send(e.request(service.base(), random.nextInt(1 << 20))));
                }
            }));
        }
        Thread importer = written == null ? null : Thread.ofPlatform().name("importer").start(() -> {
            while (System.nanoTime() < deadline) {
                String file = importFile(importsSent.getAndIncrement());
                written.time(() -> send(HttpRequest.newBuilder(service.base().resolve("/api/imports?name=serving-" + file.hashCode() + ".ttl"))
                        .header("Content-Type", "text/turtle").header("X-API-Key", KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(file)).build()));
                try {
                    Thread.sleep(Math.max(0, Math.min(2_000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        for (Thread t : threads) {
            t.join();
        }
        // The clients' time only: the importer may still be finishing its last file.
        double wall = (System.nanoTime() - t0) / 1e9;
        long serviceCpu = service.cpuNanos() - serviceCpu0;
        long ownCpu = CpuTime.nanos() - ownCpu0;
        if (importer != null) {
            importer.join();
        }
        return new Phase(recorders, written, wall, serviceCpu / 1e9, ownCpu / 1e9);
    }

    private static void report(Report.Section section, Phase p) {
        long total = p.total();
        long failed = p.failed();
        section.target("requests per second, all endpoints", String.format(Locale.ROOT, "%.0f /s", p.rate()), "", "",
                "≥ 1,000 /s, 0 errors", p.rate() >= 1_000 && failed == 0,
                Report.count(total) + " requests in " + String.format(Locale.ROOT, "%.1f s", p.wall()) + ", " + failed + " not 2xx or failed");
        for (var entry : p.recorders().entrySet()) {
            Recorder r = entry.getValue();
            Latency l = r.latency();
            section.target(entry.getKey(), l.toString(), "", "", "p99 ≤ 100 ms", l.p99() <= 100 && r.non2xx() + r.errors() == 0,
                    r.count() + " requests, " + r.non2xx() + " not 2xx" + r.firstProblem() + ", " + r.errors() + " connection errors");
        }
        Recorder imports = p.imports();
        if (imports != null) {
            importsRow(section, "imports while serving (POST /api/imports, 20 entities)", imports);
        }
        section.add("CPU seconds: service / load generator", String.format(Locale.ROOT, "%.1f / %.1f s", p.serviceCpu(), p.ownCpu()), "", "",
                String.format(Locale.ROOT, "the cores busy: service %.0f%%, clients %.0f%%",
                        CpuTime.busyPercent(p.serviceCpu(), p.wall()), CpuTime.busyPercent(p.ownCpu(), p.wall())));
    }

    private static void importsRow(Report.Section section, String label, Recorder imports) {
        section.add(label, imports.latency().toString(), "", "",
                imports.count() + " imports, " + imports.non2xx() + " not 2xx" + imports.firstProblem() + ", " + imports.errors() + " errors");
    }

    /** Twenty vendors that no other import states, a different set each time. */
    private static String importFile(int n) {
        StringBuilder ttl = new StringBuilder("""
                @prefix kg: <https://w3id.org/cigraph/ontology#> .
                @prefix res: <https://w3id.org/cigraph/id/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                """);
        long run = ProcessHandle.current().pid();
        for (int i = 0; i < 20; i++) {
            ttl.append(String.format(Locale.ROOT, "res:serving-vendor-%d-%d-%d a kg:Vendor ; rdfs:label \"Serving Vendor %d %d %d\" .%n",
                    run, n, i, run, n, i));
        }
        return ttl.toString();
    }

    private void expectOk(Endpoint e, URI base, int i) {
        Answer a = send(e.request(base, i));
        if (a.status() / 100 != 2) {
            throw new IllegalStateException(e.name() + " answered " + a.status() + ": " + a.body());
        }
    }

    private record Answer(int status, String body) {
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Latencies and outcomes of one endpoint under load, from many threads. */
    private static final class Recorder {

        private final List<Long> nanos = new ArrayList<>();
        private long non2xx;
        private long errors;
        private String firstProblem = "";

        void time(java.util.function.Supplier<Answer> call) {
            long t0 = System.nanoTime();
            try {
                Answer a = call.get();
                long t = System.nanoTime() - t0;
                synchronized (this) {
                    nanos.add(t);
                    if (a.status() / 100 != 2) {
                        non2xx++;
                        if (firstProblem.isEmpty()) {
                            firstProblem = " (first: " + a.status() + " " + a.body().substring(0, Math.min(120, a.body().length())) + ")";
                        }
                    }
                }
            } catch (RuntimeException e) {
                synchronized (this) {
                    errors++;
                    if (firstProblem.isEmpty()) {
                        firstProblem = " (first: " + e + ")";
                    }
                }
            }
        }

        synchronized long count() {
            return nanos.size() + errors;
        }

        synchronized long non2xx() {
            return non2xx;
        }

        synchronized long errors() {
            return errors;
        }

        synchronized String firstProblem() {
            return firstProblem;
        }

        synchronized Latency latency() {
            return new Latency(nanos.isEmpty() ? new long[] {0} : nanos.stream().mapToLong(Long::longValue).toArray());
        }
    }

    /** One endpoint of the mix: a name, its single-request target, and the request for run {@code i}. */
    private record Endpoint(String name, double singleTargetMillis, RequestFor requests) {

        interface RequestFor {
            HttpRequest request(URI base, int i);
        }

        HttpRequest request(URI base, int i) {
            return requests.request(base, i);
        }

        String singleTarget() {
            return String.format(Locale.ROOT, "p50 ≤ %.0f ms", singleTargetMillis);
        }

        static Endpoint get(String name, double target, IntFunction<String> path) {
            return new Endpoint(name, target, (base, i) -> HttpRequest.newBuilder(base.resolve(path.apply(i)))
                    .timeout(Duration.ofSeconds(30)).GET().build());
        }

        static Endpoint post(String name, double target, String path, String contentType, IntFunction<String> body) {
            return new Endpoint(name, target, (base, i) -> HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body.apply(i))).build());
        }
    }

    /** The mix, with ids and words taken from the graph the service holds. */
    private record Endpoints(List<Endpoint> all) {

        static Endpoints discover(HttpClient http, URI base) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/cypher"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"query": "MATCH (n:Resource)--() WITH DISTINCT n LIMIT 2000 RETURN n.id, n.label"}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Cannot list the graph's entities: " + r.statusCode() + " " + r.body());
            }
            List<String> ids = new ArrayList<>();
            List<String> words = new ArrayList<>();
            for (JsonNode row : JSON.readTree(r.body()).get("rows")) {
                ids.add(row.get(0).asString());
                String label = row.get(1).isNull() ? row.get(0).asString() : row.get(1).asString();
                words.add(label.split("[\\s-]+")[0]);
            }
            IntFunction<String> id = i -> ids.get(Math.floorMod(i, ids.size()));
            IntFunction<String> word = i -> URLEncoder.encode(words.get(Math.floorMod(i, words.size())), StandardCharsets.UTF_8);
            IntFunction<String> prefix = i -> {
                String w = words.get(Math.floorMod(i, words.size()));
                return URLEncoder.encode(w.substring(0, Math.min(w.length(), 3 + Math.floorMod(i, 3))), StandardCharsets.UTF_8);
            };
            return new Endpoints(List.of(
                    Endpoint.get("GET /api/search", 3, i -> "/api/search?q=" + word.apply(i)),
                    Endpoint.get("GET /api/suggest", 3, i -> "/api/suggest?q=" + prefix.apply(i)),
                    Endpoint.get("GET /api/entities/{id}", 5, i -> "/api/entities/" + id.apply(i)),
                    Endpoint.get("GET /api/entities/{id}/neighbors?depth=2", 5, i -> "/api/entities/" + id.apply(i) + "/neighbors?depth=2"),
                    Endpoint.get("GET /api/paths (≤ 3 hops)", 5,
                            i -> "/api/paths?maxHops=3&from=" + id.apply(i) + "&to=" + id.apply(i * 7 + 3)),
                    Endpoint.post("POST /sparql (two hops)", 5, "/sparql", "application/sparql-query", i -> """
                            SELECT ?p ?o ?q ?x WHERE { res:%s ?p ?o . ?o ?q ?x } LIMIT 50""".formatted(id.apply(i))),
                    Endpoint.post("POST /api/cypher (two hops)", 5, "/api/cypher", "application/json", i -> """
                            {"query": "MATCH (n:Resource {id: $id})--(m)--(o) RETURN m.id, o.id LIMIT 50", "parameters": {"id": "%s"}}"""
                            .formatted(id.apply(i)))));
        }
    }

    /** The packaged service in a JVM of its own. */
    private record Service(Process process, URI base, double readySeconds) {

        static Service start(Path jar, Path work, int attempt, boolean seed) throws IOException, InterruptedException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(ColdStart.command(jar, work, List.of("--server.port=" + port,
                    "--management.endpoint.health.probes.enabled=true", "--cigraph.security.api-key=" + KEY)));
            if (seed) {
                // The bundled folder, loaded at the first start as README's run command does.
                command.removeIf(a -> a.startsWith("--cigraph.import."));
            }
            String extra = System.getProperty("bench.service-args", "");
            if (!extra.isBlank()) {
                command.addAll(List.of(extra.trim().split("\\s*,\\s*")));
            }
            Path log = work.resolve("serving-" + attempt + ".log");
            long t0 = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            URI base = URI.create("http://127.0.0.1:" + port);
            ColdStart.awaitReady(process, base.resolve("/actuator/health/readiness"), log);
            return new Service(process, base, (System.nanoTime() - t0) / 1e9);
        }

        long cpuNanos() {
            return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
