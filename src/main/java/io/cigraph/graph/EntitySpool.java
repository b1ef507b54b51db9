package io.cigraph.graph;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.neo4j.batchimport.api.InputIterable;
import org.neo4j.batchimport.api.InputIterator;
import org.neo4j.batchimport.api.input.Group;
import org.neo4j.batchimport.api.input.InputChunk;
import org.neo4j.batchimport.api.input.InputEntityVisitor;

/**
 * Nodes or relationships written to disk as a bulk load receives them, and read back as input
 * for Neo4j's batch importer, which takes every node before the first relationship: holding them
 * in memory would make memory grow with the file. Each entity keeps its position in the spool,
 * so a reader can skip the ones stated again later. Properties keep their types (text, whole and
 * decimal numbers, booleans, dates, and arrays of each).
 */
final class EntitySpool implements AutoCloseable {

    private static final int CHUNK = 1_000;

    private static final byte TEXT = 0;
    private static final byte WHOLE = 1;
    private static final byte DECIMAL = 2;
    private static final byte BOOLEAN = 3;
    private static final byte DATE = 4;
    /** The ledger's time of import: ISO text with its zone. */
    private static final byte DATE_TIME = 5;
    private static final byte ARRAY = 8;

    private final Path file;
    private final DataOutputStream out;
    private long size;
    private long properties;

    EntitySpool(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            this.file = Files.createTempFile(dir, name + "-", ".spool");
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a spool in " + dir, e);
        }
    }

    long size() {
        return size;
    }

    long properties() {
        return properties;
    }

    /** Bytes written so far (up to 2 GiB): an estimate of the properties' size for the importer. */
    long bytes() {
        return out.size();
    }

    /** Adds a node; returns its position. */
    long node(String id, List<String> labels, Map<String, Object> props) {
        return add(id, null, labels, props);
    }

    /** Adds a relationship of {@code type} from {@code start} to {@code end}; returns its position. */
    long relationship(String start, String type, String end, Map<String, Object> props) {
        return add(start, end, List.of(type), props);
    }

    private long add(String a, String b, List<String> names, Map<String, Object> props) {
        try {
            text(a);
            text(b);
            out.writeInt(names.size());
            for (String n : names) {
                text(n);
            }
            out.writeInt(props.size());
            for (Map.Entry<String, Object> p : props.entrySet()) {
                text(p.getKey());
                value(p.getKey(), EmbeddedWrites.storable(p.getKey(), p.getValue()));
            }
            properties += props.size();
            return size++;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the spool " + file, e);
        }
    }

    /**
     * The spool as the importer's input: nodes (ids in {@code group}) or relationships (ends in
     * {@code group}), keeping only the positions {@code keep} accepts. Each call reads the file
     * anew, as the importer may read its input more than once.
     */
    InputIterable input(boolean nodes, Group group, LongPredicate keep) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the spool " + file, e);
        }
        return () -> new Reader(nodes, group, keep);
    }

    /** One pass over the file; chunks are filled under a lock, then visited by the importer's threads. */
    private final class Reader implements InputIterator {

        private final boolean nodes;
        private final Group group;
        private final LongPredicate keep;
        private final DataInputStream in;
        private long position;

        Reader(boolean nodes, Group group, LongPredicate keep) {
            this.nodes = nodes;
            this.group = group;
            this.keep = keep;
            try {
                this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the spool " + file, e);
            }
        }

        @Override
        public InputChunk newChunk() {
            return new Chunk();
        }

        @Override
        public synchronized boolean next(InputChunk chunk) throws IOException {
            Chunk c = (Chunk) chunk;
            c.entities.clear();
            c.next = 0;
            try {
                while (c.entities.size() < CHUNK && position < size) {
                    Entity e = read();
                    if (keep.test(position++)) {
                        c.entities.add(e);
                    }
                }
            } catch (EOFException e) {
                throw new IllegalStateException("The spool " + file + " ended early", e);
            }
            return !c.entities.isEmpty();
        }

        private Entity read() throws IOException {
            String a = text(in);
            String b = text(in);
            String[] names = new String[in.readInt()];
            for (int i = 0; i < names.length; i++) {
                names[i] = text(in);
            }
            int count = in.readInt();
            String[] keys = new String[count];
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                keys[i] = text(in);
                values[i] = value(in);
            }
            return new Entity(a, b, names, keys, values);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private final class Chunk implements InputChunk {

            private final List<Entity> entities = new ArrayList<>(CHUNK);
            private int next;

            @Override
            public boolean next(InputEntityVisitor visitor) throws IOException {
                if (next == entities.size()) {
                    return false;
                }
                Entity e = entities.get(next++);
                if (nodes) {
                    visitor.id(e.a(), group);
                    visitor.labels(e.names());
                } else {
                    visitor.startId(e.a(), group);
                    visitor.endId(e.b(), group);
                    visitor.type(e.names()[0]);
                }
                for (int i = 0; i < e.keys().length; i++) {
                    visitor.property(e.keys()[i], e.values()[i], false);
                }
                visitor.endOfEntity();
                return true;
            }

            @Override
            public void close() {
                entities.clear();
            }
        }
    }

    private record Entity(String a, String b, String[] names, String[] keys, Object[] values) {
    }

    private void value(String key, Object value) throws IOException {
        if (value instanceof Object[] array) {
            out.writeByte(ARRAY);
            out.writeInt(array.length);
            out.writeByte(array.length == 0 ? TEXT : tag(key, array[0]));
            for (Object v : array) {
                scalar(tag(key, v), v);
            }
        } else {
            byte tag = tag(key, value);
            out.writeByte(tag);
            scalar(tag, value);
        }
    }

    private static byte tag(String key, Object value) {
        return switch (value) {
            case String s -> TEXT;
            case Long l -> WHOLE;
            case Integer i -> WHOLE;
            case Double d -> DECIMAL;
            case Boolean b -> BOOLEAN;
            case LocalDate d -> DATE;
            case java.time.ZonedDateTime t -> DATE_TIME;
            default -> throw new IllegalArgumentException("Property '" + key + "' has a value the graph cannot store: "
                    + value.getClass().getSimpleName());
        };
    }

    private void scalar(byte tag, Object value) throws IOException {
        switch (tag) {
            case TEXT -> text((String) value);
            case WHOLE -> out.writeLong(((Number) value).longValue());
            case DECIMAL -> out.writeDouble((Double) value);
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case DATE_TIME -> text(value.toString());
            default -> out.writeLong(((LocalDate) value).toEpochDay());
        }
    }

    private static Object value(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        if (tag != ARRAY) {
            return scalar(in, tag);
        }
        int length = in.readInt();
        byte type = in.readByte();
        Object[] array = switch (type) {
            case TEXT -> new String[length];
            case WHOLE -> new Long[length];
            case DECIMAL -> new Double[length];
            case BOOLEAN -> new Boolean[length];
            case DATE_TIME -> new java.time.ZonedDateTime[length];
            default -> new LocalDate[length];
        };
        for (int i = 0; i < length; i++) {
            array[i] = scalar(in, type);
        }
        return array;
    }

    private static Object scalar(DataInputStream in, byte tag) throws IOException {
        return switch (tag) {
            case TEXT -> text(in);
            case WHOLE -> in.readLong();
            case DECIMAL -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case DATE_TIME -> java.time.ZonedDateTime.parse(text(in));
            default -> LocalDate.ofEpochDay(in.readLong());
        };
    }

    private void text(String s) throws IOException {
        text(out, s);
    }

    // Length-prefixed UTF-8 rather than writeUTF, which stops at 64 KB.
    static void text(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String text(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        delete(out, file);
    }

    /** Closes a spool's output and deletes its file, both best effort. */
    static void delete(DataOutputStream out, Path file) {
        try {
            out.close();
        } catch (IOException e) {
            // closing is best effort: the file is deleted next
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temp file left behind is harmless; the next load makes its own
        }
    }
}
