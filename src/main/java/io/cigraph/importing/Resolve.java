package io.cigraph.importing;

/**
 * What an import does with an incoming entity whose id is new but whose name, once normalised
 * ({@link io.cigraph.resolution.NameKey}), is that of an entity already known. Public: the web
 * and the command line choose it.
 */
public enum Resolve {
    /** Write it as the new entity it says it is, and name the likely duplicate in the report. */
    REPORT,
    /** Write it onto the entity already known: its names, properties and relations join that one. */
    MERGE;

    /** {@code report} or {@code merge}, in any case. */
    public static Resolve of(String text) {
        for (Resolve r : values()) {
            if (r.name().equalsIgnoreCase(text.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException("resolve is 'report' or 'merge', not '" + text + "'");
    }
}
