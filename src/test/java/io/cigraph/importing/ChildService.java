package io.cigraph.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's command line in a JVM of its own, on the test classpath, with its stores in one
 * data folder: what a user runs, and what a kill -9 can stop at any point without taking the
 * test down with it.
 */
final class ChildService {

    private static final Pattern AGREE = Pattern.compile("Stores agree: (\\d+) batch\\(es\\), (\\d+) resources, (\\d+) relations");

    private final Path data;

    ChildService(Path data) {
        this.data = data;
    }

    /** A running child: its output goes to a file, read as it grows. */
    record Run(Process process, Path output) {

        String text() {
            try {
                return Files.readString(output, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits until the output has a line containing {@code line}; false if the child ended first. */
        boolean awaitLine(String line, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                if (text().contains(line)) {
                    return true;
                }
                if (!process.isAlive()) {
                    return text().contains(line);
                }
                Thread.sleep(5);
            }
            throw new AssertionError("No line with '" + line + "' within " + timeout + ":\n" + text());
        }

        /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        int exit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Still running after " + timeout + ":\n" + text());
            }
            return process.exitValue();
        }

        /** The stores' agreement as the last "Stores agree" line states it, or null when none does. */
        long[] agreement(int nth) {
            Matcher m = AGREE.matcher(text());
            List<long[]> found = new ArrayList<>();
            while (m.find()) {
                found.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
            }
            return nth < found.size() ? found.get(nth) : null;
        }
    }

    /** Starts the jar's main with these arguments and settings on this data folder. */
    Run start(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/java.io=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.cigraph.CiGraphApplication"));
        command.addAll(List.of(args));
        if (command.stream().noneMatch(a -> a.startsWith("--spring.neo4j.uri="))) {
            // Its own graph in the data folder: in-process, or the separate server the tests run against.
            command.addAll(io.cigraph.Neo4jServer.graphArguments(data.resolve("neo4j")));
        }
        command.addAll(List.of(
                "--cigraph.graph.embedded.page-cache=32MB",
                "--cigraph.graph.embedded.import-memory=128MB",
                "--cigraph.rdf.dir=" + data.resolve("tdb2"),
                "--cigraph.search.dir=" + data.resolve("index"),
                "--logging.level.io.cigraph.importing.StagedWrite=debug"));
        try {
            Path output = data.resolveSibling(data.getFileName() + "-" + name + ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            return new Run(p, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
