package io.cigraph.rdf;

import io.cigraph.model.BatchSummary;
import io.cigraph.model.BulkLoad;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import io.cigraph.model.RecordSource;
import io.cigraph.model.StoreContent;
import io.cigraph.ontology.OntologyProperty;
import org.apache.jena.vocabulary.RDFS;
import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.params.StoreParams;
import org.apache.jena.tdb2.params.StoreParamsBuilder;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The RDF projection in TDB2. A batch is staged in a TDB2 write transaction that stays open until
 * the pipeline commits or discards it; TDB2 binds a transaction to its thread, which is why the
 * pipeline stages and commits on the importing thread. Readers meanwhile see the last committed
 * state. The ontology is (re)loaded into its graph at every start, so a changed ontology is seen
 * at once; the ledger is a named graph in the same dataset, committed with the batch.
 */
@Component
@Order(1)
class RdfStore implements Projection, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(RdfStore.class);
    static final int REBUILD_CHUNK = 10_000;

    /**
     * The quad indexes a new dataset gets: four of TDB2's default six. Every query sees the union
     * of the named graphs as its default graph, which TDB2 answers from the indexes that start
     * with the subject, predicate or object, and reads and writes of one graph by subject start
     * from GSPO. GPOS and GOSP would only serve a pattern inside a named graph with the subject
     * unbound, which these answer by scanning the pattern's predicate or object across graphs;
     * they would take a third of the quad index writes of every load and import, and of the disk.
     * A dataset made with the default six keeps them (TDB2 keeps a dataset's own layout).
     */
    static final String[] QUAD_INDEXES = {"GSPO", "SPOG", "POSG", "OSPG"};
    private static final StoreParams STORE_PARAMS = StoreParamsBuilder.create(StoreParams.getDftStoreParams())
            .quadIndexes(QUAD_INDEXES).build();

    private final DatasetGraph dataset;
    private final Ontology ontology;
    private final RecordQuads quads;
    private final TdbLoader bulkLoader;
    /** The last counts, until a write changes them. */
    private volatile StoreContent counted;

    RdfStore(RdfProperties properties, Ontology ontology) {
        this.ontology = ontology;
        this.bulkLoader = properties.bulkLoader();
        this.quads = new RecordQuads(ontology);
        try {
            Files.createDirectories(properties.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the TDB2 folder " + properties.dir().toAbsolutePath(), e);
        }
        TdbCompaction.recover(properties.dir());
        if (properties.compactAtStart() && TdbCompaction.compact(properties.dir(), bulkLoader) == null) {
            LOG.info("No TDB2 dataset in {} to compact", properties.dir().toAbsolutePath());
        }
        this.dataset = DatabaseMgr.connectDatasetGraph(Location.create(properties.dir()), STORE_PARAMS);
        Txn.executeWrite(dataset, this::loadOntology);
    }

    private void loadOntology() {
        dataset.deleteAny(RdfGraphs.ONTOLOGY, Node.ANY, Node.ANY, Node.ANY);
        ontology.graph().find().forEachRemaining(t -> dataset.add(new Quad(RdfGraphs.ONTOLOGY, t)));
    }

    /** The TDB2 dataset: named graphs for data, inferences, ontology and ledger. */
    DatasetGraph dataset() {
        return dataset;
    }

    Ontology ontology() {
        return ontology;
    }

    @Override
    public String name() {
        return "tdb2";
    }

    @Override
    public Staged stage(ImportBatch batch) {
        return restate(batch, List.of(), List.of(), Set.of());
    }

    @Override
    public Staged restate(ImportBatch batch, java.util.Collection<String> forget, java.util.Collection<String> forgetRelations,
                          Set<String> drop) {
        dataset.begin(TxnType.WRITE);
        try {
            quads.forget(dataset, forget, forgetRelations);
            quads.write(dataset, batch, true);
            drop.forEach(sha -> quads.unledger(dataset, sha));
            quads.ledger(dataset, batch.sha256(), batch.id(), batch.file());
        } catch (RuntimeException e) {
            endQuietly();
            throw e;
        }
        return new Staged() {
            @Override
            public void commit() {
                try {
                    dataset.commit();
                    counted = null;
                } finally {
                    endQuietly();
                }
            }

            @Override
            public void close() {
                endQuietly();
            }
        };
    }

    /** Discards an open write transaction of this thread, if any; never throws. */
    private void endQuietly() {
        try {
            if (dataset.isInTransaction()) {
                dataset.abort();
                dataset.end();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not end a TDB2 transaction cleanly", e);
        }
    }

    @Override
    public Set<String> batches() {
        return Txn.calculateRead(dataset, () -> {
            Set<String> held = new HashSet<>();
            dataset.find(RdfGraphs.LEDGER, Node.ANY, RdfGraphs.BATCH_SHA256, Node.ANY)
                    .forEachRemaining(q -> held.add(q.getObject().getLiteralLexicalForm()));
            return held;
        });
    }

    /**
     * Resources counted by their one name (every resource has exactly one), relations as the data
     * graph's triples of object properties whose subject is such a resource (a reifier's
     * {@code kg:source} has a blank subject, which has no name). Counted in TDB2's node ids, none
     * decoded, from the indexes that start with the predicate (the dataset has no GPOS): decoding
     * the quads took 4 s at 100,000 entities, 15-20 s while the service warmed up, and slowed every
     * request meanwhile. Still a scan of those triples, so the counts are kept until the next write:
     * only this class writes the dataset (SPARQL is read-only), and health checks ask often.
     */
    @Override
    public StoreContent content() {
        StoreContent known = counted;
        if (known == null) {
            known = count();
            counted = known;
        }
        return known;
    }

    private StoreContent count() {
        Set<String> held = batches();
        return Txn.calculateRead(dataset, () -> {
            NodeTupleTable table = TDBInternal.getDatasetGraphTDB(dataset).getQuadTable().getNodeTupleTable();
            NodeTable nodes = table.getNodeTable();
            NodeId data = nodes.getNodeIdForNode(RdfGraphs.DATA);
            long[] resources = subjects(table, data, nodes.getNodeIdForNode(RDFS.label.asNode()));
            long relations = 0;
            for (OntologyProperty p : ontology.properties()) {
                if (p.objectProperty() && p.forward()) {
                    Iterator<Tuple<NodeId>> found = inData(table, data, nodes.getNodeIdForNode(quads.term(p.name())));
                    while (found.hasNext()) {
                        NodeId subject = found.next().get(1);
                        if (subject.isPtr() && Arrays.binarySearch(resources, subject.getPtrLocation()) >= 0) {
                            relations++;
                        }
                    }
                }
            }
            return new StoreContent(name(), held, resources.length, relations);
        });
    }

    /** The sorted node ids of the subjects of {@code predicate} in {@code graph}, once each. */
    private static long[] subjects(NodeTupleTable table, NodeId graph, NodeId predicate) {
        long[] ids = new long[1024];
        int n = 0;
        for (Iterator<Tuple<NodeId>> found = inData(table, graph, predicate); found.hasNext(); ) {
            NodeId subject = found.next().get(1);
            if (subject.isPtr()) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = subject.getPtrLocation();
            }
        }
        long[] sorted = Arrays.copyOf(ids, n);
        Arrays.sort(sorted);
        return Arrays.stream(sorted).distinct().toArray();
    }

    /** The quads of {@code predicate} in {@code graph}, from an index that starts with the predicate. */
    private static Iterator<Tuple<NodeId>> inData(NodeTupleTable table, NodeId graph, NodeId predicate) {
        if (NodeId.isDoesNotExist(graph) || NodeId.isDoesNotExist(predicate)) {
            return java.util.Collections.emptyIterator();
        }
        Iterator<Tuple<NodeId>> all = table.getTupleTable().find(
                TupleFactory.create4(NodeId.NodeIdAny, NodeId.NodeIdAny, predicate, NodeId.NodeIdAny));
        return org.apache.jena.atlas.iterator.Iter.filter(all, t -> t.get(0).equals(graph));
    }

    /**
     * Writes the source's records into the store. An empty store (a new replica, folders deleted)
     * loads them through TDB2's loader, as an import's bulk load does: one pass, and the files stay
     * the size a load makes them (transactions copy the blocks they change, so writing a million
     * resources chunk by chunk grew a 12 GB dataset past 44 GB). A store that holds records keeps
     * answering queries while it is rebuilt, which the loader's exclusive mode would stop: it
     * empties the data, inference and ledger graphs and writes the records back one large write
     * transaction per chunk of resources, then marks the source's batches as held in the last one.
     */
    @Override
    public void rebuild(RecordSource source) {
        counted = null;
        if (isEmpty()) {
            load(source);
            return;
        }
        Txn.executeWrite(dataset, () -> RdfGraphs.clearImported(dataset));
        source.forEachChunk(REBUILD_CHUNK, chunk -> Txn.executeWrite(dataset, () -> quads.write(dataset, chunk, false)));
        Set<String> held = source.batches();
        Txn.executeWrite(dataset, () -> held.forEach(sha -> quads.ledger(dataset, sha, null, null)));
        counted = null;
        LOG.info("TDB2 rebuilt from the graph: {} batch(es)", held.size());
    }

    private void load(RecordSource source) {
        try (BulkLoad load = bulkLoad()) {
            source.forEachChunk(REBUILD_CHUNK, load::add);
            load.finish(source.batches().stream().map(sha -> new BatchSummary(null, null, sha, 0, 0)).toList());
        }
        LOG.info("TDB2 loaded from the graph into an empty store");
    }

    @Override
    public boolean isEmpty() {
        return Txn.calculateRead(dataset, () -> !dataset.contains(RdfGraphs.DATA, Node.ANY, Node.ANY, Node.ANY)
                && !dataset.contains(RdfGraphs.LEDGER, Node.ANY, Node.ANY, Node.ANY));
    }

    /** A load through TDB2's loader ({@link RdfProperties#bulkLoader()}); the ontology graph stays as loaded at start. */
    @Override
    public BulkLoad bulkLoad() {
        if (!isEmpty()) {
            throw new IllegalStateException("A bulk load needs an empty TDB2 dataset; this one holds records");
        }
        counted = null;
        RdfBulkLoad load = new RdfBulkLoad(dataset, quads, bulkLoader);
        return new BulkLoad() {
            @Override
            public void add(ImportBatch chunk) {
                load.add(chunk);
            }

            @Override
            public void finish(List<BatchSummary> batches) {
                try {
                    load.finish(batches);
                } finally {
                    counted = null;
                }
            }

            @Override
            public void close() {
                try {
                    load.close();
                } finally {
                    counted = null;
                }
            }
        };
    }

    @Override
    public void destroy() {
        dataset.close();
    }
}
