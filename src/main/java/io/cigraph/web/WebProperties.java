package io.cigraph.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HTTP API settings.
 *
 * @param cors   which other origins' pages may read the API and {@code /sparql} from a browser
 * @param warmUp ask each read endpoint a few questions over HTTP before reporting ready, so that
 *               the first requests do not pay for cold code, unplanned queries and unopened readers
 *               (about a second or two of start on two cores)
 * @param longRequests how many request threads queries, exports and imports may hold at once
 */
@ConfigurationProperties("cigraph.web")
record WebProperties(@DefaultValue Cors cors, @DefaultValue("true") boolean warmUp,
                     @DefaultValue LongRequests longRequests) {

    /**
     * Cross-origin reads, for browser clients served elsewhere such as a SPARQL editor.
     *
     * @param allowedOrigins origins ({@code https://yasgui.example.org}, or patterns such as
     *                       {@code https://*.example.org}) whose pages may send reads to
     *                       {@code /api/**} and {@code /sparql}; empty (the default) allows none
     */
    record Cors(@DefaultValue List<String> allowedOrigins) {
    }

    /**
     * The request threads that requests of a length the caller decides may hold (see
     * {@link io.cigraph.web.LongRequests}).
     *
     * @param slots how many such requests run at once; 0 (the default) for all the request threads
     *              but one per core, which stay for the other endpoints and health probes
     * @param maxWait how long one waits for a slot before it is answered 503 with {@code Retry-After}
     */
    record LongRequests(@DefaultValue("0") int slots, @DefaultValue("250ms") java.time.Duration maxWait) {
    }
}
