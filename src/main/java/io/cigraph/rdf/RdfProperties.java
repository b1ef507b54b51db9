package io.cigraph.rdf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * RDF store and SPARQL settings.
 *
 * @param dir          TDB2 database folder; a missing or empty one is rebuilt from the graph at start
 * @param queryTimeout the longest a SPARQL query or Graph Store read may run; a request's own
 *                     {@code timeout} parameter can only shorten a query's
 * @param maxRows      the most rows (SELECT) or solutions (CONSTRUCT, DESCRIBE) one query returns:
 *                     a query without {@code LIMIT} or with a larger one is limited to this; and
 *                     the most triples (quads for the whole dataset) a Graph Store read returns
 * @param bulkLoader   which of TDB2's loaders an import into an empty store uses: {@code basic},
 *                     {@code phased}, {@code parallel} or {@code light} ({@link TdbLoader}). Parallel
 *                     was fastest on 2 cores loading 5.0M quads (two runs on a machine shared with
 *                     another build: parallel 74 s / 40 s, basic 86 s / 49 s, light 77 s / 60 s,
 *                     phased 169 s / 58 s). At 1M entities (43.4M quads, all three stores
 *                     loading side by side, end to end) the loaders came out level: parallel
 *                     733 s (its files scanned one after another, about 10 s more), phased
 *                     722 s, light 755 s; phased and light stream 30% faster, then build the
 *                     secondary indexes, mostly after the other stores have finished. It
 *                     holds SPARQL queries back until the load ends; {@code basic} is slower but
 *                     lets them see the empty store meanwhile
 * @param allowedServices endpoint IRIs a query's {@code SERVICE} clause may call, exactly as written
 *                     in the query; empty (the default) refuses every {@code SERVICE}, and one
 *                     whose endpoint is a variable is always refused ({@link ServicePolicy})
 * @param compactAtStart rewrite the dataset compactly at start, before anything opens it, giving
 *                     back the space that imports since the last load or compaction left in its
 *                     files ({@code compact} on the command line sets this and exits)
 */
@ConfigurationProperties("cigraph.rdf")
record RdfProperties(
        @DefaultValue("data/tdb2") Path dir,
        @DefaultValue("30s") Duration queryTimeout,
        @DefaultValue("10000") int maxRows,
        @DefaultValue("parallel") TdbLoader bulkLoader,
        @DefaultValue("false") boolean compactAtStart,
        @DefaultValue List<String> allowedServices) {

    /** Settings for tools and tests that open a dataset outside Spring. */
    static RdfProperties make(Path dir) {
        return new RdfProperties(dir, Duration.ofSeconds(30), 10_000, TdbLoader.PARALLEL, false, List.of());
    }
}
