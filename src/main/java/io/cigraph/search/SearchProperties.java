package io.cigraph.search;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Search settings.
 *
 * @param dir            folder of the Lucene index; a missing or unreadable index is rebuilt from the graph at start
 * @param defaultLimit   hits per page when the caller gives no {@code limit}
 * @param maxLimit       the most hits or suggestions one answer returns
 * @param maxOffset      the deepest page start a caller may ask for (deep paging costs memory per request)
 * @param maxQueryLength the longest query text accepted, in characters
 * @param ramBufferMb    memory the index writer fills before it flushes a segment
 * @param rebuildChunk   resources read from the graph per step of a rebuild
 * @param bulkRamBufferMb memory the index writer fills before it flushes a segment during a bulk
 *                       load into an empty index: larger segments, fewer merges; it is heap, so it
 *                       counts against what the graph and TDB2 need alongside
 */
@ConfigurationProperties("cigraph.search")
record SearchProperties(
        @DefaultValue("data/index") Path dir,
        @DefaultValue("10") int defaultLimit,
        @DefaultValue("100") int maxLimit,
        @DefaultValue("10000") int maxOffset,
        @DefaultValue("200") int maxQueryLength,
        @DefaultValue("64") int ramBufferMb,
        @DefaultValue("10000") int rebuildChunk,
        @DefaultValue("256") int bulkRamBufferMb) {

    /** Settings for tools and tests that build an index outside Spring. */
    static SearchProperties make(Path dir) {
        return make(dir, 10_000);
    }

    static SearchProperties make(Path dir, int rebuildChunk) {
        return new SearchProperties(dir, 10, 100, 10_000, 200, 64, rebuildChunk, 256);
    }
}
