package io.cigraph.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * What an index holds about some entities: what the relation documents naming each say, and,
 * where asked, the entity as its stored document has it. Both the staged path (entities of
 * earlier batches gaining relations) and a bulk load (entities written before their relations
 * arrived) derive entity documents from this, so they agree on counts, sources and passages.
 */
final class EntityLookup {

    /** Documents read by one task of {@link #stored}: enough to outweigh a task's start. */
    private static final int READ_TASK = 32;

    private EntityLookup() {
    }

    /** Per id, one pass per segment over the ids in sorted order; ids the index says nothing about are absent. */
    static Map<String, Found> read(IndexReader reader, Collection<String> ids, Predicate<String> withStored) throws IOException {
        Map<String, Found> found = new HashMap<>();
        List<String> sorted = ids.stream().sorted().toList();
        for (LeafReaderContext leaf : reader.leaves()) {
            Bits live = leaf.reader().getLiveDocs();
            StoredFields stored = leaf.reader().storedFields();
            Terms relationTerms = leaf.reader().terms(Fields.REL_ENTITY);
            Terms keyTerms = leaf.reader().terms(Fields.KEY);
            TermsEnum relationEnum = relationTerms == null ? null : relationTerms.iterator();
            TermsEnum keyEnum = keyTerms == null ? null : keyTerms.iterator();
            PostingsEnum postings = null;
            for (String id : sorted) {
                if (relationEnum != null && relationEnum.seekExact(new BytesRef(id))) {
                    postings = relationEnum.postings(postings, PostingsEnum.NONE);
                    // Doc values iterate forward only: fresh ones per id, since ids visit docs out of order.
                    SortedDocValues sources = leaf.reader().getSortedDocValues(Fields.SOURCE);
                    BinaryDocValues passages = leaf.reader().getBinaryDocValues(Fields.PASSAGE);
                    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        if (live == null || live.get(doc)) {
                            String source = sources != null && sources.advanceExact(doc)
                                    ? sources.lookupOrd(sources.ordValue()).utf8ToString() : null;
                            String evidence = passages != null && passages.advanceExact(doc)
                                    ? passages.binaryValue().utf8ToString() : null;
                            found.computeIfAbsent(id, k -> new Found()).add(source, evidence);
                        }
                    }
                }
                if (keyEnum != null && withStored.test(id) && keyEnum.seekExact(new BytesRef(Documents.entityKey(id)))) {
                    postings = keyEnum.postings(postings, PostingsEnum.NONE);
                    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        if (live == null || live.get(doc)) {
                            found.computeIfAbsent(id, k -> new Found()).stored = Entity.of(stored.document(doc));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** An entity as its stored document has it, with the relation stats written into that document. */
    record Stored(Entity entity, RelationStats stats) {
    }

    /**
     * The stored documents of some entities, by id; ids without one are absent. The keys are
     * looked up in one pass; the documents are then read on all cores, a few dozen to a task,
     * since a hub's document holds hundreds of passages and tens of thousands of sources.
     */
    static Map<String, Stored> stored(IndexReader reader, Collection<String> ids, Documents documents) throws IOException {
        Map<String, String> idOfKey = new HashMap<>();
        ids.forEach(id -> idOfKey.put(Documents.entityKey(id), id));
        List<Hit> hits = new ArrayList<>();
        forEachLiveDoc(reader, idOfKey.keySet(), (leaf, key, doc) -> {
            hits.add(new Hit(leaf, doc, idOfKey.get(key)));
            return true;
        });
        hits.sort(Comparator.comparingInt((Hit h) -> h.leaf().ord).thenComparingInt(Hit::doc));
        Map<String, Stored> found = new ConcurrentHashMap<>();
        try {
            IntStream.range(0, (hits.size() + READ_TASK - 1) / READ_TASK).parallel().forEach(task -> {
                List<Hit> mine = hits.subList(task * READ_TASK, Math.min(hits.size(), (task + 1) * READ_TASK));
                StoredFields stored = null;
                LeafReaderContext storedLeaf = null;
                for (Hit h : mine) {
                    try {
                        if (h.leaf() != storedLeaf) {
                            storedLeaf = h.leaf();
                            stored = storedLeaf.reader().storedFields();
                        }
                        Document d = stored.document(h.doc());
                        found.put(h.id(), new Stored(Entity.of(d), statsOf(d, documents.citedSources(h.leaf().reader(), h.doc()))));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return found;
    }

    /** A live document under a looked-up key. */
    private record Hit(LeafReaderContext leaf, int doc, String id) {
    }

    /** Whether the index holds a live document under any of these keys. */
    static boolean holdsAny(IndexReader reader, Collection<String> keys) throws IOException {
        boolean[] held = new boolean[1];
        forEachLiveDoc(reader, keys, (leaf, key, doc) -> {
            held[0] = true;
            return false;
        });
        return held[0];
    }

    /** Told of each live document under a key; returns whether to go on. */
    private interface KeyVisitor {
        boolean visit(LeafReaderContext leaf, String key, int doc) throws IOException;
    }

    /** Visits the live documents under some keys, segment by segment, the keys in sorted order. */
    private static void forEachLiveDoc(IndexReader reader, Collection<String> keys, KeyVisitor visitor) throws IOException {
        List<String> sorted = keys.stream().sorted().toList();
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms keyTerms = leaf.reader().terms(Fields.KEY);
            if (keyTerms == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            TermsEnum terms = keyTerms.iterator();
            PostingsEnum postings = null;
            for (String key : sorted) {
                if (terms.seekExact(new BytesRef(key))) {
                    postings = terms.postings(postings, PostingsEnum.NONE);
                    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        if ((live == null || live.get(doc)) && !visitor.visit(leaf, key, doc)) {
                            return;
                        }
                    }
                }
            }
        }
    }

    private static RelationStats statsOf(Document d, Set<String> citedSources) {
        IndexableField count = d.getField(Fields.RELATIONS);
        String[] evidence = d.getValues(Fields.EVIDENCE);
        String[] sources = d.getValues(Fields.EVIDENCE_SOURCE);
        Map<String, String> passages = new LinkedHashMap<>();
        for (int i = 0; i < evidence.length; i++) {
            String source = i < sources.length ? sources[i] : "";
            passages.put(evidence[i], source.isEmpty() ? null : source);
        }
        return new RelationStats(count == null ? 0 : count.numericValue().intValue(),
                citedSources, RelationStats.byText(passages));
    }

    /** Stats of what was found for an id, or none. */
    static RelationStats stats(Found found) {
        return found == null ? RelationStats.NONE : found.stats();
    }

    /** One entity's relations as read so far, and its stored record when asked for. */
    static final class Found {
        private int count;
        private final Set<String> sources = new TreeSet<>();
        private final Map<String, String> passages = new LinkedHashMap<>();
        private Entity stored;

        void add(String source, String evidence) {
            count++;
            if (source != null) {
                sources.add(source);
            }
            if (evidence != null && passages.size() < RelationStats.MAX_PASSAGES) {
                passages.putIfAbsent(evidence, source);
            }
        }

        /** The entity as stored, or {@code null}. */
        Entity stored() {
            return stored;
        }

        /**
         * Passages in text order rather than the order segments happen to list them, so that the same
         * relations give the same document however the index was written.
         */
        RelationStats stats() {
            return new RelationStats(count, sources, RelationStats.byText(passages));
        }
    }
}
