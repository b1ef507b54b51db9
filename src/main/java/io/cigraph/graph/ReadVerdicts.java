package io.cigraph.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query texts the planner has already judged read-only, so that asking the same question again
 * (the explorer's saved questions, a tool polling one query) skips the {@code EXPLAIN} round trip.
 * The verdict depends on the text alone: parameters change values, never whether a plan writes or
 * which procedures it calls. Only passing verdicts are kept; a refused text is planned again each
 * time, so a refusal never depends on what was cached. The READ-mode transaction stays the last
 * lock either way. Least recently used texts are forgotten first; the bound counts characters, as
 * one text may be as long as {@code cigraph.graph.cypher.max-length}.
 */
final class ReadVerdicts {

    private final long maxChars;
    private final LinkedHashMap<String, Boolean> passed = new LinkedHashMap<>(64, 0.75f, true);
    private long chars;

    ReadVerdicts(long maxChars) {
        this.maxChars = maxChars;
    }

    synchronized boolean passed(String cypher) {
        return passed.get(cypher) != null;
    }

    synchronized void pass(String cypher) {
        if (cypher.length() > maxChars || passed.put(cypher, Boolean.TRUE) != null) {
            return;
        }
        chars += cypher.length();
        var oldest = passed.entrySet().iterator();
        while (chars > maxChars) {
            Map.Entry<String, Boolean> e = oldest.next();
            chars -= e.getKey().length();
            oldest.remove();
        }
    }
}
