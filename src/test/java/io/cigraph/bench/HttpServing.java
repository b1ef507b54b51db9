package io.cigraph.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * What a user of the packaged service sees once it is ready on the graph on disk, in its own
 * JVM with {@code -Xmx2g}: searches, suggestions, a supernode's first page, devices with their
 * relations and shortest paths, each over HTTP with its JSON read whole, one request at a time.
 * Every answer must be a 200; a failure (the heap too small, say) is reported as the serving
 * target missed, with what failed.
 */
final class HttpServing {

    private final Report.Section rows;
    private final List<String> labels;
    private final String supernode;
    private final int devices;
    private final HttpClient http = HttpClient.newHttpClient();
    private int requests;

    HttpServing(Report.Section rows, List<String> labels, String supernode, int devices) {
        this.rows = rows;
        this.labels = labels;
        this.supernode = supernode;
        this.devices = devices;
    }

    /** Runs every workload against the service at {@code base}; {@code process} is the service's. */
    void run(URI base, Process process) {
        try {
            List<String> words = labels.stream().map(SearchLatencies::firstWord)
                    .map(w -> URLEncoder.encode(w, StandardCharsets.UTF_8)).toList();
            add("GET /api/search, term (a name word)", timed(base, SearchLatencies.WARMUP, SearchLatencies.RUNS,
                    i -> "/api/search?q=" + words.get(i % words.size())), "");
            add("GET /api/suggest (3-6 letters of a name)", timed(base, SearchLatencies.WARMUP, SearchLatencies.RUNS,
                    i -> "/api/suggest?limit=10&q=" + URLEncoder.encode(SearchLatencies.typed(labels, i), StandardCharsets.UTF_8)), "");
            add("GET /api/entities/{id}/neighbors, supernode first page (100) + counts",
                    timed(base, 50, 200, i -> "/api/entities/" + supernode + "/neighbors?limit=100"), supernode);
            SplittableRandom random = new SplittableRandom(11);
            add("GET /api/entities/{id}, a device with its relations",
                    timed(base, 50, 500, i -> "/api/entities/device-" + random.nextInt(devices) + "?relations=100"), "");
            IntFunction<String> path = i -> {
                int[] pair = ScaleBenchmark.devicePair(random, devices);
                return "/api/paths?maxHops=4&limit=1&from=device-" + pair[0] + "&to=device-" + pair[1];
            };
            add("GET /api/paths, two random devices (≤ 4 hops): requests " + (ScaleBenchmark.PATH_WARMUP + 1) + "-"
                    + (ScaleBenchmark.PATH_WARMUP + ScaleBenchmark.PATH_RUNS),
                    timed(base, ScaleBenchmark.PATH_WARMUP, ScaleBenchmark.PATH_RUNS, path),
                    "after " + ScaleBenchmark.PATH_WARMUP + " untimed");
            add("GET /api/paths, two random devices (≤ 4 hops): after " + Report.count(ScaleBenchmark.PATH_WARM) + " more",
                    timed(base, ScaleBenchmark.PATH_WARM, ScaleBenchmark.PATH_RUNS, path), "");
            rows.target("serves with -Xmx2g", requests + " requests, all 200", "", "", "serves", true,
                    "peak RSS " + peakRssMiB(process) + " MiB");
        } catch (RuntimeException e) {
            rows.target("serves with -Xmx2g", "failed after " + requests + " requests", "", "", "serves", false,
                    e.getMessage() + (process.isAlive() ? "" : "; the service ended with " + process.exitValue()));
        }
    }

    private static long peakRssMiB(Process process) {
        try {
            return Memory.peakRssMiB(process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Latency timed(URI base, int warmup, int runs, IntFunction<String> path) {
        return Latency.of(warmup, runs, i -> {
            TwoHopQueries.send(http, HttpRequest.newBuilder(base.resolve(path.apply(i))).GET().build());
            requests++;
        });
    }

    private void add(String measure, Latency latency, String notes) {
        rows.add(measure, latency.toString(), "", "", notes);
    }
}
