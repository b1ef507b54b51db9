package io.cigraph.bench;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * The raw TDB2 baseline: Jena's parallel bulk loader (what {@code tdb2.tdbloader} runs) reading
 * the same Turtle files into an empty database's default graph. The loader parses as it loads
 * (parser and index builders run side by side), so unlike the other raw loads its time includes
 * parsing; it writes only the triples the files state, no inferred graph and no ledger.
 */
final class RawTdb2Load {

    /** Seconds the load took, the triples it wrote and the CPU seconds it used. */
    record Result(double seconds, long triples, double cpuSeconds) {
    }

    private RawTdb2Load() {
    }

    static Result load(List<Path> files, Path dir) {
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        try {
            long start = System.nanoTime();
            long cpu = CpuTime.nanos();
            DataLoader loader = LoaderFactory.parallelLoader(dsg, (format, args) -> { });
            loader.startBulk();
            try {
                loader.load(files.stream().map(Path::toString).toList());
                loader.finishBulk();
            } catch (RuntimeException e) {
                loader.finishException(e);
                throw e;
            }
            return new Result((System.nanoTime() - start) / 1e9, loader.countTriples(), (CpuTime.nanos() - cpu) / 1e9);
        } finally {
            TDBInternal.expel(dsg);
        }
    }
}
