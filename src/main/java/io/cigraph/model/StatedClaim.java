package io.cigraph.model;

import java.util.Objects;

/**
 * What one import batch said of a resource or a relation that more than one live import states:
 * the projections keep each such statement beside the effective record (the RDF store in a named
 * graph per batch). A record that one import alone states has no claims apart from itself.
 *
 * @param batch     the batch that said it
 * @param preferred whether it is the claim the effective record's single values come from
 * @param resource  what it said of a resource, or {@code null}
 * @param relation  the relation with the provenance it gave, or {@code null}
 */
public record StatedClaim(String batch, boolean preferred, ResourceRecord resource, RelationRecord relation) {

    public StatedClaim {
        Objects.requireNonNull(batch, "batch is required");
        if ((resource == null) == (relation == null)) {
            throw new IllegalArgumentException("A claim is about a resource or about a relation");
        }
    }
}
