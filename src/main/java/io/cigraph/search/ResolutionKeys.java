package io.cigraph.search;

import io.cigraph.resolution.NameIndex;
import io.cigraph.resolution.NameKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The resolution keys ({@link NameKey}) of entity documents: written with each document, and
 * looked up for an import's names all at once, the keys in sorted order through each segment's
 * terms, so a thousand names cost a thousand term seeks, not a thousand searches.
 */
final class ResolutionKeys {

    private ResolutionKeys() {
    }

    /** The distinct, non-empty keys of some names. */
    static Set<String> of(Collection<String> names) {
        Set<String> keys = new LinkedHashSet<>();
        for (String name : names) {
            String key = NameKey.of(name);
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        return keys;
    }

    static Map<String, List<NameIndex.Named>> lookup(IndexReader reader, Collection<String> keys) throws IOException {
        Map<String, List<NameIndex.Named>> found = new HashMap<>();
        List<String> sorted = keys.stream().distinct().sorted().toList();
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(Fields.RESOLUTION_KEY);
            if (terms == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            StoredFields stored = leaf.reader().storedFields();
            TermsEnum te = terms.iterator();
            PostingsEnum postings = null;
            for (String key : sorted) {
                if (!te.seekExact(new BytesRef(key))) {
                    continue;
                }
                postings = te.postings(postings, PostingsEnum.NONE);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        Entity e = Entity.of(stored.document(doc));
                        found.computeIfAbsent(key, k -> new ArrayList<>()).add(new NameIndex.Named(e.id(), e.statedTypes(), e.names()));
                    }
                }
            }
        }
        return found;
    }
}
