package io.cigraph.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntConsumer;

/** Timed runs of one operation after warm-up runs; percentiles in milliseconds. */
record Latency(long[] sortedNanos) {

    Latency {
        sortedNanos = sortedNanos.clone();
        Arrays.sort(sortedNanos);
    }

    /**
     * Runs {@code op} {@code warmup} times untimed, then {@code runs} times timed; {@code op} gets
     * the run's number, to vary its input.
     */
    static Latency of(int warmup, int runs, IntConsumer op) {
        return pair(warmup, runs, op, i -> { })[0];
    }

    /**
     * Times two operations in alternation, so both see the same machine load and caches; the
     * first result is {@code a}'s, the second {@code b}'s.
     */
    static Latency[] pair(int warmup, int runs, IntConsumer a, IntConsumer b) {
        for (int i = 0; i < warmup; i++) {
            a.accept(i);
            b.accept(i);
        }
        long[] as = new long[runs];
        long[] bs = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            a.accept(warmup + i);
            long t1 = System.nanoTime();
            b.accept(warmup + i);
            as[i] = t1 - t0;
            bs[i] = System.nanoTime() - t1;
        }
        return new Latency[] {new Latency(as), new Latency(bs)};
    }

    double p50() {
        return percentile(50);
    }

    double p99() {
        return percentile(99);
    }

    private double percentile(int p) {
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.clamp(i, 0, sortedNanos.length - 1)] / 1e6;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", p50(), p99());
    }
}
