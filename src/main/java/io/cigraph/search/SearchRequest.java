package io.cigraph.search;

/**
 * One search as the caller asked it. Public because the web feature builds it from the request.
 *
 * @param text    what the user typed
 * @param type    an ontology class to filter by (its subclasses match too), or {@code null}
 * @param source  a source's id to filter by: only entities with a relation citing it, as the
 *                {@code source} facet counts them; or {@code null}
 * @param limit   hits per page, or {@code null} for the default
 * @param offset  hits to skip, or {@code null} for none
 * @param explain whether to return each hit's score breakdown
 * @param syntax  how to read {@code text}
 */
public record SearchRequest(String text, String type, String source, Integer limit, Integer offset, boolean explain, Syntax syntax) {

    /** How the query text is read. */
    public enum Syntax {
        /** Everything is text: quotes, colons, brackets and operators are searched for, never interpreted. */
        PLAIN,
        /** Lucene's classic query syntax (fields, quotes, wildcards, {@code AND}/{@code OR}), for advanced users. */
        LUCENE;

        /**
         * Reads the {@code syntax} parameter: {@code plain} (or none) or {@code lucene}, any case.
         *
         * @throws InvalidSearchException for anything else
         */
        public static Syntax parse(String value) {
            if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("plain")) {
                return PLAIN;
            }
            if (value.strip().equalsIgnoreCase("lucene")) {
                return LUCENE;
            }
            throw new InvalidSearchException("syntax", "Unknown syntax '" + value
                    + "': use plain (the default: everything is text) or lucene (Lucene's query syntax).");
        }
    }

    /** A plain-text search of the first page. */
    public static SearchRequest of(String text) {
        return new SearchRequest(text, null, null, null, null, false, Syntax.PLAIN);
    }
}
