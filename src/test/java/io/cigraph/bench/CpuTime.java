package io.cigraph.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time this process has used, every thread together (the JVM's own too: a load's garbage
 * collection and JIT are part of its cost). Beside wall time it says how busy a load kept the
 * cores: on 2 cores a load cannot end sooner than its CPU seconds over 2.
 */
final class CpuTime {

    private CpuTime() {
    }

    /** This process's CPU time so far, in nanoseconds. */
    static long nanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The share of this machine's cores that {@code cpuSeconds} kept busy over {@code wallSeconds}, in percent. */
    static double busyPercent(double cpuSeconds, double wallSeconds) {
        return 100 * cpuSeconds / (wallSeconds * Runtime.getRuntime().availableProcessors());
    }
}
