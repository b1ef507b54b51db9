package io.cigraph.search;

import io.cigraph.model.BulkLoad;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Projection;
import io.cigraph.model.RecordSource;
import io.cigraph.model.StoreContent;
import io.cigraph.ontology.Ontology;
import io.cigraph.resolution.NameIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The Lucene index as a store of the import pipeline. One {@link IndexWriter} (writes are
 * serialised by a lock) and a {@link SearcherManager}: searches keep the last committed view
 * while a batch is applied and see the batch the moment its commit refreshes the manager. The
 * ledger of batches lives in the commit's user data, so it is exactly as durable as the
 * documents it describes. An index that cannot be opened is moved aside and started empty, so
 * the start-up sync rebuilds it from the graph.
 */
@Component
@Order(2)
class SearchIndex implements Projection, NameIndex, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
    private static final String LEDGER = "batches";
    /**
     * Version of the documents' layout, kept in each commit beside the ledger. An index written
     * with another layout reports no batches, so the start-up sync rebuilds it from the graph.
     */
    private static final String FORMAT = "format";
    private static final String CURRENT_FORMAT = "5";

    private final Path dir;
    private final Documents documents;
    private final int ramBufferMb;
    private final int rebuildChunk;
    private final int bulkRamBufferMb;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile Directory directory;
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;

    SearchIndex(SearchProperties properties, Ontology ontology) {
        this.dir = properties.dir();
        this.documents = new Documents(ontology);
        this.ramBufferMb = properties.ramBufferMb();
        this.rebuildChunk = properties.rebuildChunk();
        this.bulkRamBufferMb = properties.bulkRamBufferMb();
        open();
    }

    @Override
    public String name() {
        return "lucene";
    }

    /**
     * Applies the batch to the writer at once, so that building the documents (most of the cost)
     * runs while the other stores stage and the graph commits; searches keep seeing the last
     * commit until this one refreshes them. The writer stays locked from here until the batch is
     * committed or discarded, which must happen on this thread: the pipeline stages, commits and
     * closes each store on a thread of its own.
     */
    @Override
    public Staged stage(ImportBatch batch) {
        return restate(batch, List.of(), List.of(), Set.of());
    }

    /**
     * As {@link #stage}, after deleting the entity documents of {@code forget} and the relation
     * documents of {@code forgetRelations}: the batch's documents then replace them, and each
     * entity it touches is recounted from the relation documents left.
     */
    @Override
    public Staged restate(ImportBatch batch, java.util.Collection<String> forget, java.util.Collection<String> forgetRelations,
                          Set<String> drop) {
        writing.lock();
        try {
            if (forget.isEmpty() && forgetRelations.isEmpty()) {
                Snapshot current = acquire();
                try {
                    new IndexUpdate(documents, batch).apply(writer, current.getIndexReader());
                } finally {
                    release(current);
                }
            } else {
                for (String id : forget) {
                    writer.deleteDocuments(new org.apache.lucene.index.Term(Fields.KEY, Documents.entityKey(id)));
                }
                for (String key : forgetRelations) {
                    writer.deleteDocuments(new org.apache.lucene.index.Term(Fields.KEY, Documents.relationKey(key)));
                }
                // Null: the writer holds uncommitted deletes, so every touched entity is recounted.
                new IndexUpdate(documents, batch).apply(writer, null);
            }
        } catch (IOException | RuntimeException e) {
            discardUncommitted();
            writing.unlock();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return new Staged() {
            private boolean ended;

            @Override
            public void commit() {
                try {
                    Set<String> ledger = new TreeSet<>(batches());
                    ledger.removeAll(drop);
                    ledger.add(batch.sha256());
                    commitAndRefresh(ledger);
                } catch (IOException | RuntimeException e) {
                    discardUncommitted();
                    throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
                } finally {
                    end();
                }
            }

            @Override
            public void close() {
                if (!ended) {
                    discardUncommitted();
                    end();
                }
            }

            private void end() {
                ended = true;
                writing.unlock();
            }
        };
    }

    @Override
    public Set<String> batches() {
        try {
            Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
            if (!CURRENT_FORMAT.equals(data.get(FORMAT))) {
                return Set.of();
            }
            String ledger = data.get(LEDGER);
            return ledger == null || ledger.isEmpty() ? Set.of() : Set.of(ledger.split(","));
        } catch (IOException | RuntimeException e) {
            // No commit yet, or an unreadable one: the index holds nothing the graph can count on.
            return Set.of();
        }
    }

    /** Entities and relations counted by their kind of document, from the last commit. */
    @Override
    public StoreContent content() {
        Set<String> held = batches();
        Snapshot snapshot = acquire();
        try {
            IndexSearcher searcher = new IndexSearcher(snapshot.getIndexReader());
            return new StoreContent(name(), held, searcher.count(new TermQuery(new Term(Fields.KIND, Fields.ENTITY))),
                    searcher.count(new TermQuery(new Term(Fields.KIND, Fields.RELATION))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(snapshot);
        }
    }

    /**
     * Rebuilds the index from the graph as a bulk load into an emptied writer: entities wait as
     * pending documents until every relation is in, then get their stats in one pass, so an
     * entity with many relations is counted once rather than at every chunk that names it.
     * Searches see the old index until the one commit at the end; a failure rolls back to it.
     */
    @Override
    public void rebuild(RecordSource source) {
        writing.lock();
        try {
            if (writer == null || !writer.isOpen()) {
                open();
            }
            writer.deleteAll();
            writer.getConfig().setRAMBufferSizeMB(bulkRamBufferMb);
            IndexBulkLoad load = new IndexBulkLoad(this, documents, writer);
            source.forEachChunk(rebuildChunk, load::add);
            load.finish(new TreeSet<>(source.batches()));
            writer.getConfig().setRAMBufferSizeMB(ramBufferMb);
        } catch (IOException | RuntimeException e) {
            discardUncommitted();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        } finally {
            writing.unlock();
        }
    }

    @Override
    public boolean isEmpty() {
        if (!batches().isEmpty()) {
            return false;
        }
        Snapshot snapshot = acquire();
        try {
            return snapshot.getIndexReader().numDocs() == 0;
        } finally {
            release(snapshot);
        }
    }

    /**
     * Holds the writer until the load is closed, so no staged batch or rebuild interleaves with it,
     * and gives it {@link SearchProperties#bulkRamBufferMb()} of buffer meanwhile.
     */
    @Override
    public BulkLoad bulkLoad() {
        writing.lock();
        try {
            if (!isEmpty()) {
                throw new IllegalStateException("A bulk load needs an empty search index; this one holds documents");
            }
            writer.getConfig().setRAMBufferSizeMB(bulkRamBufferMb);
            return new IndexBulkLoad(this, documents, writer);
        } catch (RuntimeException e) {
            writing.unlock();
            throw e;
        }
    }

    /** Ends a bulk load: an unfinished one is rolled back to the empty index it started from. */
    void endBulk(boolean finished) {
        try {
            if (finished) {
                writer.getConfig().setRAMBufferSizeMB(ramBufferMb);
            } else {
                discardUncommitted();
            }
        } finally {
            writing.unlock();
        }
    }

    /** From the last commit: an import asks before it stages anything, with imports one at a time. */
    @Override
    public Map<String, java.util.List<Named>> byKeys(java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Snapshot snapshot = acquire();
        try {
            return ResolutionKeys.lookup(snapshot.getIndexReader(), keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(snapshot);
        }
    }

    /** A view of the index for one search; give it back with {@link #release}. */
    Snapshot acquire() {
        try {
            return (Snapshot) searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void release(Snapshot snapshot) {
        try {
            searchers.release(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits what was written with this ledger of batches, and shows it to searches. */
    void commitAndRefresh(Set<String> ledger) throws IOException {
        writer.setLiveCommitData(Map.of(LEDGER, String.join(",", ledger), FORMAT, CURRENT_FORMAT).entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /** Drops what was applied since the last commit; the writer is reopened on the committed index. */
    private void discardUncommitted() {
        try {
            closeQuietly();
            open();
        } catch (RuntimeException e) {
            LOG.error("Could not reopen the search index after a failed write", e);
        }
    }

    private void open() {
        try {
            Files.createDirectories(dir);
            directory = FSDirectory.open(dir);
            if (DirectoryReader.indexExists(directory) && !readable(directory)) {
                directory.close();
                LOG.warn("Search index at {} cannot be read; replacing it with an empty one, rebuilt from the graph", dir);
                FileSystemUtils.deleteRecursively(dir);
                Files.createDirectories(dir);
                directory = FSDirectory.open(dir);
            }
            IndexWriterConfig config = new IndexWriterConfig(Analyzers.perField())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(ramBufferMb);
            writer = new IndexWriter(directory, config);
            if (!DirectoryReader.indexExists(directory)) {
                writer.commit();
            }
            searchers = new SearcherManager(writer, Snapshot.FACTORY);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index at " + dir, e);
        }
    }

    private static boolean readable(Directory directory) {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            reader.leaves().forEach(leaf -> leaf.reader().getLiveDocs());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void closeQuietly() {
        try {
            if (searchers != null) {
                searchers.close();
            }
            if (writer != null && writer.isOpen()) {
                writer.rollback();
            }
            directory.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Closing the search index: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        writing.lock();
        try {
            closeQuietly();
        } finally {
            writing.unlock();
        }
    }
}
