package io.cigraph.rdf;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * RDF store and SPARQL settings.
 *
 * @param dir          TDB2 database folder; a missing or empty one is rebuilt from the graph at start
 * @param queryTimeout the longest a SPARQL query may run; a request's own {@code timeout} parameter
 *                     can only shorten it
 * @param maxRows      the most rows (SELECT) or solutions (CONSTRUCT, DESCRIBE) one query returns:
 *                     a query without {@code LIMIT} or with a larger one is limited to this
 */
@ConfigurationProperties("cigraph.rdf")
record RdfProperties(
        @DefaultValue("data/tdb2") Path dir,
        @DefaultValue("30s") Duration queryTimeout,
        @DefaultValue("10000") int maxRows) {
}
