package io.cigraph.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

/**
 * One point-in-time view of the index with its facet ordinals, built once per refresh rather
 * than once per query (building them scans every facet value).
 */
final class Snapshot extends IndexSearcher {

    static final SearcherFactory FACTORY = new SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
            return new Snapshot(reader);
        }
    };

    private volatile SortedSetDocValuesReaderState facets;

    private Snapshot(IndexReader reader) {
        super(reader);
    }

    /** The facet ordinals, or {@code null} while no document has a facet. */
    SortedSetDocValuesReaderState facets() {
        SortedSetDocValuesReaderState state = facets;
        if (state == null) {
            synchronized (this) {
                if (facets == null) {
                    facets = create();
                }
                state = facets;
            }
        }
        return state;
    }

    private SortedSetDocValuesReaderState create() {
        try {
            return new DefaultSortedSetDocValuesReaderState(getIndexReader(), Documents.FACETS);
        } catch (IllegalArgumentException e) {
            // No document carries the facet field yet (empty index).
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
