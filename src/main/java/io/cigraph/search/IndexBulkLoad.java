package io.cigraph.search;

import io.cigraph.model.BatchSummary;
import io.cigraph.model.BulkLoad;
import io.cigraph.model.ImportBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;

/**
 * A load into an empty index with one writer, a large buffer and one commit. An entity's
 * document needs every relation naming it, and those may come in later chunks, so chunks are
 * written without reading the index back: relation documents as they are, each entity as a
 * small pending document holding its record. At the end one reader over everything written
 * gives each entity its relation stats, and its full document replaces the pending one, in
 * blocks on all cores, and the index is merged into one segment. Memory stays that of the
 * writer's buffer, one chunk, one block per core and a doc id (4 bytes) per entity; the entities
 * wait on disk (1M entities and 6.5M relations loaded in about two minutes in a 1 GB heap on 2
 * cores). Nothing is visible before the commit, and closing an unfinished load rolls the writer
 * back to the empty commit it started from.
 */
final class IndexBulkLoad implements BulkLoad {

    /** Entities per block of the final pass: enough to amortise a block's seeks, few enough to hold. */
    static final int BLOCK = 2048;

    private final SearchIndex index;
    private final Documents documents;
    private final IndexWriter writer;
    private boolean prepared;
    private boolean finished;
    private boolean closed;

    IndexBulkLoad(SearchIndex index, Documents documents, IndexWriter writer) {
        this.index = index;
        this.documents = documents;
        this.writer = writer;
    }

    @Override
    public void add(ImportBatch chunk) {
        try {
            new IndexUpdate(documents, chunk).applyPending(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void finish(List<BatchSummary> batches) {
        Set<String> ledger = new TreeSet<>();
        batches.forEach(b -> ledger.add(b.sha256()));
        finish(ledger);
    }

    /**
     * Writes the entities' full documents in place of the pending ones, then merges the index into
     * one segment; nothing is visible before the commit.
     */
    @Override
    public void prepare(List<BatchSummary> batches) {
        if (prepared) {
            return;
        }
        try {
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                pendingBlocks(reader).parallelStream().forEach(block -> write(reader, block));
            }
            // The load leaves a dozen segments at a million entities, a tenth of their documents
            // the deleted pending ones. Every search looks each of its terms up in every segment,
            // so one segment made term searches about a quarter faster there (2.05 to 1.5 ms p50)
            // and suggestions a third, for one merge of about 25 s (alone; 4-7% of the whole
            // load's time) at the end of a 12-minute load. At 100k entities it changed neither.
            writer.forceMerge(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        prepared = true;
    }

    /** Writes the entities' full documents unless done, and commits with this ledger of batches. */
    void finish(Set<String> ledger) {
        prepare(List.of());
        try {
            index.commitAndRefresh(ledger);
            finished = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            index.endBulk(finished);
        }
    }

    /** Pending documents of one segment, by doc id. */
    private record Block(LeafReaderContext leaf, int[] docs) {
    }

    private static List<Block> pendingBlocks(DirectoryReader reader) throws IOException {
        List<Block> blocks = new ArrayList<>();
        Term pending = new Term(Fields.KIND, Fields.PENDING);
        for (LeafReaderContext leaf : reader.leaves()) {
            PostingsEnum postings = leaf.reader().postings(pending, PostingsEnum.NONE);
            if (postings == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            int[] docs = new int[BLOCK];
            int n = 0;
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live == null || live.get(doc)) {
                    docs[n++] = doc;
                    if (n == BLOCK) {
                        blocks.add(new Block(leaf, docs));
                        docs = new int[BLOCK];
                        n = 0;
                    }
                }
            }
            if (n > 0) {
                blocks.add(new Block(leaf, Arrays.copyOf(docs, n)));
            }
        }
        return blocks;
    }

    /** Replaces a block's pending documents by full ones, with the stats of every relation written. */
    private void write(DirectoryReader reader, Block block) {
        try {
            StoredFields stored = block.leaf().reader().storedFields();
            List<Entity> entities = new ArrayList<>(block.docs().length);
            for (int doc : block.docs()) {
                entities.add(Entity.of(stored.document(doc).getBinaryValue(Fields.PENDING_ENTITY)));
            }
            Map<String, EntityLookup.Found> found = EntityLookup.read(reader, entities.stream().map(Entity::id).toList(), id -> false);
            for (Entity e : entities) {
                IndexUpdate.update(writer, new Term(Fields.KEY, Documents.entityKey(e.id())),
                        documents.entity(e, EntityLookup.stats(found.get(e.id()))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
