package io.cigraph.rdf;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.progress.MonitorOutput;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.loader.main.LoaderPlans;

/**
 * TDB2's loaders, as a setting. Only {@link #BASIC} loads inside a write transaction: readers see
 * the dataset as it was until the load commits, and an abandoned load is rolled back. The others
 * write the indexes directly in TDB2's exclusive mode, which holds every other transaction back
 * (SPARQL queries wait) until the load ends, and leave what they wrote when abandoned, so an
 * abandoned load has to be deleted afterwards.
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
        return switch (this) {
            case BASIC -> LoaderFactory.basicLoader(dataset, output);
            case PHASED -> LoaderFactory.phasedLoader(dataset, output);
            case PARALLEL -> LoaderFactory.parallelLoader(dataset, output);
            case LIGHT -> LoaderFactory.createLoader(LoaderPlans.loaderPlanLight, dataset, output);
        };
    }

    /** Whether an abandoned load is rolled back by the loader itself. */
    boolean transactional() {
        return this == BASIC;
    }
}
