package io.cigraph.search;

import io.cigraph.model.Alias;
import io.cigraph.model.ResourceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.BytesRef;

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

    /** The entity as bytes, for {@link Documents#pending}; {@link #of(BytesRef)} reads it back. */
    BytesRef toBytes() {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        try {
            out.writeString(id);
            writeNullable(out, iri);
            writeAll(out, statedTypes);
            out.writeString(label);
            out.writeVInt(aliases.size());
            for (Alias a : aliases) {
                out.writeString(a.text());
                out.writeString(a.language());
            }
            writeNullable(out, description);
            writeAll(out, properties);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory does not do I/O", e);
        }
        return new BytesRef(out.toArrayCopy());
    }

    static Entity of(BytesRef bytes) {
        ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
        try {
            String id = in.readString();
            String iri = readNullable(in);
            List<String> statedTypes = readAll(in);
            String label = in.readString();
            List<Alias> aliases = new ArrayList<>();
            for (int i = in.readVInt(); i > 0; i--) {
                aliases.add(new Alias(in.readString(), in.readString()));
            }
            return new Entity(id, iri, statedTypes, label, aliases, readNullable(in), readAll(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading from memory does not do I/O", e);
        }
    }

    private static void writeNullable(DataOutput out, String s) throws IOException {
        out.writeByte((byte) (s == null ? 0 : 1));
        if (s != null) {
            out.writeString(s);
        }
    }

    private static String readNullable(ByteArrayDataInput in) throws IOException {
        return in.readByte() == 0 ? null : in.readString();
    }

    private static void writeAll(DataOutput out, List<String> values) throws IOException {
        out.writeVInt(values.size());
        for (String v : values) {
            out.writeString(v);
        }
    }

    private static List<String> readAll(ByteArrayDataInput in) throws IOException {
        List<String> values = new ArrayList<>();
        for (int i = in.readVInt(); i > 0; i--) {
            values.add(in.readString());
        }
        return values;
    }

    /** The label and every alias. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(label);
        aliases.forEach(a -> names.add(a.text()));
        return names;
    }
}
