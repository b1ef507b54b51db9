package io.cigraph.search;

import io.cigraph.model.Alias;
import io.cigraph.model.ResourceRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.lucene.document.Document;

/**
 * What the index keeps of a resource, enough to rebuild its document when a later batch adds
 * relations to it (the batch then has the relation, not the resource).
 *
 * @param properties literal properties as {@code name: value} lines
 */
record Entity(String id, String iri, List<String> statedTypes, String label, List<Alias> aliases,
              String description, List<String> properties) {

    Entity {
        Objects.requireNonNull(id, "id is required");
        label = label == null ? id : label;
    }

    static Entity of(ResourceRecord r) {
        List<String> properties = new ArrayList<>();
        new TreeMap<>(r.properties()).forEach((name, value) -> {
            if (value instanceof Collection<?> values) {
                values.forEach(v -> properties.add(name + ": " + v));
            } else {
                properties.add(name + ": " + value);
            }
        });
        return new Entity(r.id(), r.iri(), r.types(), r.label(), r.aliases(), r.description(), properties);
    }

    /** Reads an entity back from the stored fields of its document. */
    static Entity of(Document d) {
        String[] texts = d.getValues(Fields.ALIAS);
        String[] languages = d.getValues(Fields.ALIAS_LANGUAGE);
        List<Alias> aliases = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            aliases.add(new Alias(texts[i], i < languages.length ? languages[i] : ""));
        }
        return new Entity(d.get(Fields.ID), d.get(Fields.IRI), List.of(d.getValues(Fields.STATED_TYPE)),
                d.get(Fields.LABEL), aliases, d.get(Fields.DESCRIPTION), List.of(d.getValues(Fields.PROPERTIES)));
    }

    /** The label and every alias. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(label);
        aliases.forEach(a -> names.add(a.text()));
        return names;
    }
}
