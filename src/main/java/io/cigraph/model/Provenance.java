package io.cigraph.model;

import java.time.LocalDate;

/**
 * Where a relation comes from and when it holds.
 *
 * @param source     id of the source resource
 * @param evidence   short quote from the source
 * @param confidence 0 to 1, or {@code null}
 * @param validFrom  first day it holds, or {@code null}
 * @param validTo    last day it holds, or {@code null}
 */
public record Provenance(String source, String evidence, Double confidence, LocalDate validFrom, LocalDate validTo) {

    /** No provenance of its own: structural links of an observation, whose source is on the observation. */
    public static final Provenance NONE = new Provenance(null, null, null, null, null);
}
