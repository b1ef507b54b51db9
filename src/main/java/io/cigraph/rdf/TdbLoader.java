package io.cigraph.rdf;

import java.util.Arrays;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.progress.MonitorOutput;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.loader.main.LoaderMain;
import org.apache.jena.tdb2.loader.main.LoaderPlan;
import org.apache.jena.tdb2.loader.main.LoaderPlans;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.TableBase;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * TDB2's loaders, as a setting. Only {@link #BASIC} loads inside a write transaction: readers see
 * the dataset as it was until the load commits, and an abandoned load is rolled back. The others
 * write the indexes directly in TDB2's exclusive mode, which holds every other transaction back
 * (SPARQL queries wait) until the load ends, and leave what they wrote when abandoned, so an
 * abandoned load has to be deleted afterwards.
 * <p>
 * TDB2's own plans name the six quad indexes of its default layout; ours are planned over the
 * indexes the dataset actually has (see {@link RdfStore#QUAD_INDEXES}), so a dataset made with
 * either layout loads.
 */
enum TdbLoader {

    /** One thread, one write transaction, all indexes at once. */
    BASIC,
    /** Primary indexes while data arrives, secondary ones after, a few threads at a time (tdbloader's default). */
    PHASED,
    /** Every index at once, a thread each. */
    PARALLEL,
    /** One thread for the node table, one per primary index, then secondary indexes one by one. */
    LIGHT;

    DataLoader create(DatasetGraph dataset, MonitorOutput output) {
        if (this == BASIC) {
            return LoaderFactory.basicLoader(dataset, output);
        }
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dataset);
        return new LoaderMain(plan(indexes(tdb.getTripleTable()), indexes(tdb.getQuadTable())), dataset, output);
    }

    /**
     * This loader's plan over these triple and quad indexes, primary index first, with the input
     * stage of TDB2's plan of the same name: every index at once (parallel); the primary ones, then
     * the rest in one phase (phased); the primary ones, then the rest one at a time (light).
     */
    private LoaderPlan plan(String[] triples, String[] quads) {
        return switch (this) {
            case PARALLEL -> new LoaderPlan(LoaderPlans.loaderPlanParallel.dataInputType(), triples, quads,
                    new String[0][], new String[0][]);
            case PHASED -> new LoaderPlan(LoaderPlans.loaderPlanPhased.dataInputType(), first(triples), first(quads),
                    rest(triples, true), rest(quads, true));
            case LIGHT -> new LoaderPlan(LoaderPlans.loaderPlanLight.dataInputType(), first(triples), first(quads),
                    rest(triples, false), rest(quads, false));
            case BASIC -> throw new IllegalStateException("The basic loader has no plan");
        };
    }

    private static String[] indexes(TableBase table) {
        return Arrays.stream(table.getNodeTupleTable().getTupleTable().getIndexes()).map(TupleIndex::getName)
                .toArray(String[]::new);
    }

    private static String[] first(String[] indexes) {
        return new String[] {indexes[0]};
    }

    /** The secondary indexes: in one phase together, or one phase each. */
    private static String[][] rest(String[] indexes, boolean together) {
        String[] rest = Arrays.copyOfRange(indexes, 1, indexes.length);
        if (rest.length == 0) {
            return new String[0][];
        }
        return together ? new String[][] {rest} : Arrays.stream(rest).map(i -> new String[] {i}).toArray(String[][]::new);
    }

    /** Whether an abandoned load is rolled back by the loader itself. */
    boolean transactional() {
        return this == BASIC;
    }
}
