package io.cigraph.ontology;

import java.util.List;

/**
 * One property of the ontology. Public because importing and the graph features map records
 * through it.
 *
 * @param name             local name (for example {@code partOfSeries})
 * @param iri              full IRI
 * @param label            human name
 * @param comment          what it means, or {@code null}
 * @param objectProperty   {@code true} for relations between resources, {@code false} for literals
 * @param domain           classes its subject may have (any of them), empty when open
 * @param range            classes (or a datatype) its object may have, empty when open
 * @param inverse          the property that says the same thing the other way round, or {@code null}
 * @param forward          {@code true} when records are stored in this direction; an inverse-only
 *                         property is turned round to its forward property on import
 * @param superProperties  every super-property, nearest first
 * @param symmetric        the relation holds both ways
 * @param relation         a relation between entities that carries provenance (sub-property of
 *                         {@code kg:relatedTo}); other object properties structure observations
 * @param relationshipType the Neo4j relationship type, UPPER_SNAKE_CASE of the name
 * @param unit             the unit its values are in (the {@code kg:unit} annotation on the
 *                         property, such as {@code GB}), or {@code null} when it has none
 */
public record OntologyProperty(String name, String iri, String label, String comment,
                               boolean objectProperty, List<String> domain, List<String> range,
                               String inverse, boolean forward, List<String> superProperties,
                               boolean symmetric, boolean relation, String relationshipType,
                               String unit) {

    /** UPPER_SNAKE_CASE of a camelCase local name: {@code partOfSeries} becomes {@code PART_OF_SERIES}. */
    static String relationshipTypeOf(String localName) {
        return localName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
}
