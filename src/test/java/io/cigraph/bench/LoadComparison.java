package io.cigraph.bench;

import io.cigraph.graph.Neo4jBulkAlone;
import java.nio.file.Path;
import java.util.List;
import org.springframework.util.FileSystemUtils;

/**
 * Runs the three raw loads on the same files, one after the other, each alone in a fresh folder
 * and a JVM of its own ({@link RawLoads}), and sets our load beside them: per store, end to end
 * against the slowest raw load and against their sum, and our Neo4j write rate against the raw
 * driver's, in our load (the cores shared with the other stores) and with our Neo4j bulk path
 * alone on the same records.
 */
final class LoadComparison {

    private LoadComparison() {
    }

    static void compare(Report.Section rows, GraphGenerator.Generated data, OurLoad ours, Path work) throws Exception {
        List<Path> files = data.files();
        long records = data.entities() + data.relations();

        double[] neo4jFigures = RawLoads.run(RawLoads.Kind.NEO4J, files, work.resolve("raw-neo4j"));
        RawNeo4jLoad.Result raw = new RawNeo4jLoad.Result(neo4jFigures[0], neo4jFigures[1]);
        double neo4j = raw.seconds();
        FileSystemUtils.deleteRecursively(work.resolve("raw-neo4j"));
        double[] aloneFigures = RawLoads.run(RawLoads.Kind.NEO4J_BULK_ALONE, files, work.resolve("neo4j-alone"));
        Neo4jBulkAlone.Result alone = new Neo4jBulkAlone.Result(aloneFigures[0], aloneFigures[1], aloneFigures[2]);
        FileSystemUtils.deleteRecursively(work.resolve("neo4j-alone"));
        double[] tdb2Figures = RawLoads.run(RawLoads.Kind.TDB2, files, work.resolve("raw-tdb2"));
        RawTdb2Load.Result tdb2 = new RawTdb2Load.Result(tdb2Figures[0], (long) tdb2Figures[1], tdb2Figures[2]);
        FileSystemUtils.deleteRecursively(work.resolve("raw-tdb2"));
        double[] luceneFigures = RawLoads.run(RawLoads.Kind.LUCENE, files, work.resolve("raw-lucene"));
        RawLuceneLoad.Result lucene = new RawLuceneLoad.Result(luceneFigures[0], (long) luceneFigures[1], luceneFigures[2]);
        FileSystemUtils.deleteRecursively(work.resolve("raw-lucene"));

        double slowest = Math.max(neo4j, Math.max(tdb2.seconds(), lucene.seconds()));
        String slowestName = slowest == neo4j ? "Neo4j" : slowest == tdb2.seconds() ? "TDB2" : "Lucene";
        double sum = neo4j + tdb2.seconds() + lucene.seconds();
        rows.target("load end to end / slowest raw store load", Report.seconds(ours.seconds()),
                Report.seconds(slowest) + " (" + slowestName + ")", Report.ratio(ours.seconds() / slowest), "≤ 1.2",
                ours.seconds() / slowest <= 1.2, "ours: " + Report.perSecond(records, ours.seconds()) + " records");
        rows.target("load end to end / sum of the three raw loads", Report.seconds(ours.seconds()), Report.seconds(sum),
                Report.ratio(ours.seconds() / sum), "≤ 0.7", ours.seconds() / sum <= 0.7, "");

        cpu(rows, ours, raw, tdb2, lucene);

        double ourNeo4j = ours.store("neo4j");
        rows.add("Neo4j part", Report.seconds(ourNeo4j), Report.seconds(neo4j), Report.ratio(ourNeo4j / neo4j),
                "ours: spool, Neo4j's batch importer, restart, constraints, sharing the cores with the other stores;"
                        + " raw: driver UNWIND ... MERGE, 10k rows a statement, parse excluded, alone");
        rows.target("Neo4j write rate (nodes + relationships)", Report.perSecond(records, ourNeo4j),
                Report.perSecond(records, neo4j), Report.ratio(neo4j / ourNeo4j) + "x", "≥ 3x", neo4j / ourNeo4j >= 3, "");
        rows.target("Neo4j write rate, our bulk path alone", Report.perSecond(records, alone.seconds()),
                Report.perSecond(records, neo4j), Report.ratio(neo4j / alone.seconds()) + "x", "≥ 3x",
                neo4j / alone.seconds() >= 3, "same records, reading not timed, no other store, a JVM of its own: spool "
                        + Report.seconds(alone.spool()) + ", importer " + Report.seconds(alone.importer())
                        + ", restart + constraints + ledger " + Report.seconds(alone.finish()));
        double ourTdb2 = ours.store("tdb2");
        rows.add("TDB2 part", Report.seconds(ourTdb2), Report.seconds(tdb2.seconds()), Report.ratio(ourTdb2 / tdb2.seconds()),
                "raw: parallel loader, " + Report.count(tdb2.triples()) + " triples, parse included");
        double ourLucene = ours.store("lucene");
        rows.add("Lucene part", Report.seconds(ourLucene), Report.seconds(lucene.seconds()),
                Report.ratio(ourLucene / lucene.seconds()),
                "raw: StandardAnalyzer, " + Report.count(lucene.documents()) + " docs (resources + relations), parse excluded");
    }

    /**
     * CPU seconds beside wall seconds. When a load keeps every core busy, loading the stores side
     * by side cannot hide one store's work behind another's: the load takes at least its CPU
     * seconds over the cores, however fast the slowest store is alone.
     */
    private static void cpu(Report.Section rows, OurLoad ours, RawNeo4jLoad.Result neo4j, RawTdb2Load.Result tdb2,
                            RawLuceneLoad.Result lucene) {
        double raw = neo4j.cpuSeconds() + tdb2.cpuSeconds() + lucene.cpuSeconds();
        int cores = Runtime.getRuntime().availableProcessors();
        rows.add("CPU time of the load, every thread", Report.seconds(ours.cpuSeconds()) + " (cores "
                        + busy(ours.cpuSeconds(), ours.seconds()) + " busy)",
                Report.seconds(raw) + " (sum of the three)", Report.ratio(ours.cpuSeconds() / raw),
                "our load cannot end before its CPU time over " + cores + " cores: " + Report.seconds(ours.cpuSeconds() / cores)
                        + "; raw, CPU and cores busy: Neo4j " + Report.seconds(neo4j.cpuSeconds()) + " ("
                        + busy(neo4j.cpuSeconds(), neo4j.seconds()) + "), TDB2 " + Report.seconds(tdb2.cpuSeconds()) + " ("
                        + busy(tdb2.cpuSeconds(), tdb2.seconds()) + "), Lucene " + Report.seconds(lucene.cpuSeconds()) + " ("
                        + busy(lucene.cpuSeconds(), lucene.seconds()) + ")");
    }

    private static String busy(double cpuSeconds, double wallSeconds) {
        return Math.round(CpuTime.busyPercent(cpuSeconds, wallSeconds)) + "%";
    }
}
