package io.cigraph.bench;

import io.cigraph.rdf.TdbCompaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service's {@code compact} command on the benchmark's folders after the
 * incremental imports, as an operator runs it with the service stopped: a separate JVM with
 * {@code -Xmx2g}, timed from launch to exit (Spring and Neo4j start and stop included).
 */
final class Compaction {

    private static final long LIMIT_MINUTES = 90;

    /** Seconds from launch to exit, the TDB2 folder's bytes before and after, and the JVM's peak RSS in MiB. */
    record Result(double seconds, long bytesBefore, long bytesAfter, long peakRssMiB) {
    }

    private Compaction() {
    }

    static Result run(Path jar, Path work) throws IOException, InterruptedException {
        Path tdb2 = work.resolve("tdb2");
        long before = TdbCompaction.bytes(tdb2);
        Path log = work.resolve("compact.log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(ColdStart.command(jar, work, List.of("compact")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long peakRss = 0;
        while (!process.waitFor(1, TimeUnit.SECONDS)) {
            try {
                peakRss = Math.max(peakRss, Memory.peakRssMiB(process.pid()));
            } catch (IOException e) {
                // it ended between the wait and the read
            }
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(LIMIT_MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("compact ran longer than " + LIMIT_MINUTES + " minutes; see " + log);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0 || !Files.readString(log).contains("TDB2 compacted")) {
            throw new IllegalStateException("compact ended with " + process.exitValue() + " without compacting; see " + log);
        }
        return new Result(seconds, before, TdbCompaction.bytes(tdb2), peakRss);
    }
}
