package io.cigraph.bench;

import io.cigraph.graph.Neo4jBulkAlone;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.jena.sys.JenaSystem;

/**
 * Each raw load, and our Neo4j bulk path alone, in a JVM of its own: the benchmark JVM's options
 * and classpath, a heap of its own ({@link #heap()}). The raw Neo4j load parses every file into
 * memory before it writes, which at a million entities takes a heap several times what our load
 * needs; run apart, it no longer sets the heap the benchmark JVM holds through our load and our
 * queries. A fresh JVM also gives every raw load the same start, with no heap, JIT or open files
 * left by ours or by the raw load before it.
 */
final class RawLoads {

    enum Kind { NEO4J, NEO4J_BULK_ALONE, TDB2, LUCENE }

    private static final String RESULT = "RESULT ";

    private RawLoads() {
    }

    /** The raw loads' heap: {@code -Dbench.raw.heap}, 4g unless set. */
    static String heap() {
        return System.getProperty("bench.raw.heap", "4g");
    }

    /** Runs one load of the files into {@code dir} in a child JVM; its figures, as that load's {@code main} prints them. */
    static double[] run(Kind kind, List<Path> files, Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Xmx") && !a.startsWith("-XX:StartFlightRecording"))
                .forEach(command::add);
        command.add("-Xmx" + heap());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RawLoads.class.getName(), kind.name(),
                dir.toString()));
        files.forEach(f -> command.add(f.toString()));
        Path log = dir.resolveSibling(dir.getFileName() + ".log");
        // The child's working folder is ours: the files and the ontology folder are named relative to it.
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int status = process.waitFor();
        String result = Files.readAllLines(log).stream().filter(l -> l.startsWith(RESULT)).reduce((a, b) -> b).orElse(null);
        if (status != 0 || result == null) {
            throw new IllegalStateException("The " + kind + " load ended with status " + status + " and no result; see " + log);
        }
        return Arrays.stream(result.substring(RESULT.length()).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    /** {@code RawLoads KIND DIR FILE...}: runs the load and prints its figures on one line. */
    public static void main(String[] args) throws Exception {
        // Jena first, as a whole: a Jena class whose static fields build nodes can otherwise start
        // Jena's initialisation half-way and find its vocabulary still null.
        JenaSystem.init();
        Kind kind = Kind.valueOf(args[0]);
        Path dir = Path.of(args[1]);
        List<Path> files = Arrays.stream(args, 2, args.length).map(Path::of).toList();
        double[] figures = switch (kind) {
            case NEO4J -> {
                RawNeo4jLoad.Result r = RawNeo4jLoad.load(files, dir);
                yield new double[] {r.seconds(), r.cpuSeconds()};
            }
            case NEO4J_BULK_ALONE -> {
                Neo4jBulkAlone.Result r = Neo4jBulkAlone.load(files, dir);
                yield new double[] {r.spool(), r.importer(), r.finish()};
            }
            case TDB2 -> {
                RawTdb2Load.Result r = RawTdb2Load.load(files, dir);
                yield new double[] {r.seconds(), r.triples(), r.cpuSeconds()};
            }
            case LUCENE -> {
                RawLuceneLoad.Result r = RawLuceneLoad.load(files, dir);
                yield new double[] {r.seconds(), r.documents(), r.cpuSeconds()};
            }
        };
        System.out.println(RESULT + Arrays.stream(figures).mapToObj(Double::toString).collect(Collectors.joining(" ")));
        // Neo4j can leave non-daemon threads behind: end the process here.
        System.exit(0);
    }
}
