package io.cigraph.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A resource with an id: an entity, a source or an observation.
 *
 * @param id          stable slug, unique in the graph
 * @param iri         full IRI (base + id)
 * @param types       the classes stated for it (superclasses are implied by the ontology)
 * @param label       preferred name
 * @param aliases     other names with their languages
 * @param description short text, or {@code null}
 * @param properties  literal properties by ontology name: String, Long, Double, Boolean,
 *                    LocalDate, or a List of those for repeated values
 * @param line        line of the file where the resource is first described, or 0
 */
public record ResourceRecord(String id, String iri, List<String> types, String label, List<Alias> aliases,
                             String description, Map<String, Object> properties, long line) {

    public ResourceRecord {
        Objects.requireNonNull(id, "id is required");
        types = List.copyOf(types);
        aliases = List.copyOf(aliases);
        properties = Map.copyOf(properties);
    }
}
