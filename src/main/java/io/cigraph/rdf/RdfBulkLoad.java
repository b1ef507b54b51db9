package io.cigraph.rdf;

import io.cigraph.model.BatchSummary;
import io.cigraph.model.BulkLoad;
import io.cigraph.model.ImportBatch;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.loader.DataLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load into an empty dataset through TDB2's own loader, which writes the indexes in bulk
 * rather than through one transaction per batch (which would also bloat the files on disk).
 * Records go to the loader's stream as quads, the same quads a staged batch writes; the ledger
 * goes in last, so a dataset that holds a batch holds all of its records.
 */
final class RdfBulkLoad implements BulkLoad {

    private static final Logger LOG = LoggerFactory.getLogger(RdfBulkLoad.class);

    private final DatasetGraph dataset;
    private final RecordQuads quads;
    private final TdbLoader kind;
    private final DataLoader loader;
    private boolean ended;

    RdfBulkLoad(DatasetGraph dataset, RecordQuads quads, TdbLoader kind) {
        this.dataset = dataset;
        this.quads = quads;
        this.kind = kind;
        this.loader = kind.create(dataset, (format, args) -> LOG.debug(String.format(format, args)));
        loader.startBulk();
    }

    @Override
    public void add(ImportBatch chunk) {
        quads.write(loader.stream(), chunk);
    }

    @Override
    public void finish(List<BatchSummary> batches) {
        batches.forEach(b -> quads.ledger(loader.stream(), b.sha256(), b.id(), b.file()));
        loader.finishBulk();
        ended = true;
        LOG.info("TDB2 bulk load ({} loader): {} quads, {} batch(es)", kind.name().toLowerCase(), loader.countQuads(), batches.size());
    }

    @Override
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            if (kind.transactional()) {
                loader.finishException(new IllegalStateException("Bulk load abandoned"));
            } else {
                abandonDirectWrites();
            }
        } catch (RuntimeException e) {
            LOG.error("Could not empty the TDB2 dataset after an abandoned bulk load", e);
        }
    }

    /**
     * The loader wrote straight into the indexes: let it end cleanly (its threads drain and the
     * dataset leaves exclusive mode), then delete what it wrote. The store was empty but for the
     * ontology, so that is everything in the other graphs.
     */
    private void abandonDirectWrites() {
        try {
            loader.finishBulk();
        } catch (RuntimeException e) {
            loader.finishException(e);
        }
        Txn.executeWrite(dataset, () -> {
            RdfGraphs.clearImported(dataset);
        });
    }
}
