package io.cigraph.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Time to ready with the graph on disk: the packaged service started as a separate JVM with
 * {@code -Xmx2g} on the benchmark's data folders (nothing to import: an empty import folder, and
 * loading at start off), timed from process start until {@code /actuator/health/readiness}
 * answers UP. A separate process, so no class, JIT or page state of the benchmark JVM helps it.
 * Once ready, it can be given queries to serve ({@link HttpServing}) before it is stopped.
 */
final class ColdStart {

    private static final Duration LIMIT = Duration.ofMinutes(5);

    /** Seconds from launch to ready and the process's peak resident memory in MiB. */
    record Result(double seconds, long peakRssMiB) {
    }

    private ColdStart() {
    }

    /**
     * One start; {@code attempt} names its log, {@code cold-start-N.log} in {@code work}. When
     * {@code serving} is given, it runs against the service once it is ready; the result's figures
     * are taken before it runs.
     */
    static Result measure(Path jar, Path work, int attempt, HttpServing serving) throws IOException, InterruptedException {
        int port = freePort();
        Path log = work.resolve("cold-start-" + attempt + ".log");
        List<String> command = command(jar, work, List.of("--server.port=" + port,
                "--management.endpoint.health.probes.enabled=true"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady(process, URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"), log);
            Result ready = new Result((System.nanoTime() - start) / 1e9, Memory.peakRssMiB(process.pid()));
            if (serving != null) {
                serving.run(URI.create("http://127.0.0.1:" + port), process);
            }
            return ready;
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * The packaged service as a separate JVM with {@code -Xmx2g} on the benchmark's data folders,
     * nothing to import at start: {@code java ... -jar JAR ARGUMENTS --folders...}; with the jar
     * extracted beside its AOT cache when {@code bench.aot} names one that exists.
     */
    static List<String> command(Path jar, Path work, List<String> arguments) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the benchmark with 'package' before 'exec:exec'.");
        }
        Path emptyImports = Files.createDirectories(work.resolve("cold-start-import"));
        // The JVM's own collector, as README's commands run the service (G1 on two cores): the
        // parallel collector's full collections stopped every request for 250-600 ms at 100k.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g"));
        // The jar as README's fast start runs it: extracted beside the JDK's AOT cache (-Paot).
        Path aot = Path.of(System.getProperty("bench.aot", "")).toAbsolutePath();
        if (!System.getProperty("bench.aot", "").isBlank() && Files.isRegularFile(aot)) {
            command.addAll(List.of("-XX:AOTCache=" + aot, "-jar", aot.resolveSibling(jar.getFileName()).toString()));
        } else {
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        }
        command.addAll(arguments);
        command.addAll(BenchGraph.arguments(work));
        command.addAll(List.of(
                "--cigraph.rdf.dir=" + work.resolve("tdb2").toAbsolutePath(),
                "--cigraph.search.dir=" + work.resolve("index").toAbsolutePath(),
                "--cigraph.import.dir=" + emptyImports.toAbsolutePath(),
                "--cigraph.import.load-at-startup=false"));
        return command;
    }

    static void awaitReady(Process process, URI readiness, Path log) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service ended with " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("The service was not ready within " + LIMIT + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
