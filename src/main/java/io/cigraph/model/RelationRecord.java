package io.cigraph.model;

import java.util.Objects;

/**
 * A link between two resources, always in the ontology's forward direction.
 *
 * @param subject    id of the subject
 * @param predicate  ontology property name (for example {@code develops})
 * @param object     id of the object
 * @param provenance source, evidence and validity
 * @param line       line of the file that states it, or 0
 */
public record RelationRecord(String subject, String predicate, String object, Provenance provenance, long line) {

    public RelationRecord {
        Objects.requireNonNull(subject, "subject is required");
        Objects.requireNonNull(predicate, "predicate is required");
        Objects.requireNonNull(object, "object is required");
        Objects.requireNonNull(provenance, "provenance is required (Provenance.NONE for none)");
    }
}
