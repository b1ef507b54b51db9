package io.cigraph.graph;

import io.cigraph.model.Provenance;
import io.cigraph.model.RelationRecord;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Relations put aside on disk during a bulk load until the resources at both ends exist: a
 * file may name a resource before it describes it, and holding those relations in memory would
 * make memory grow with the file. Written once, read back once in chunks, then deleted.
 */
final class RelationSpool implements AutoCloseable {

    private final Path file;
    private DataOutputStream out;
    private long size;

    RelationSpool(Path dir) {
        try {
            Files.createDirectories(dir);
            this.file = Files.createTempFile(dir, "relations-", ".spool");
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a relation spool in " + dir, e);
        }
    }

    long size() {
        return size;
    }

    void add(RelationRecord r, String batch) {
        try {
            text(r.subject());
            text(r.predicate());
            text(r.object());
            text(batch);
            Provenance p = r.provenance();
            text(p.source());
            text(p.evidence());
            out.writeDouble(p.confidence() == null ? Double.NaN : p.confidence());
            out.writeLong(p.validFrom() == null ? Long.MIN_VALUE : p.validFrom().toEpochDay());
            out.writeLong(p.validTo() == null ? Long.MIN_VALUE : p.validTo().toEpochDay());
            size++;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the relation spool " + file, e);
        }
    }

    /** Reads everything back, {@code chunkSize} relations at a time, each with its batch id. */
    void replay(int chunkSize, Consumer<List<Spooled>> chunk) {
        try {
            out.close();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                List<Spooled> rows = new ArrayList<>(chunkSize);
                for (long i = 0; i < size; i++) {
                    rows.add(read(in));
                    if (rows.size() == chunkSize) {
                        chunk.accept(rows);
                        rows = new ArrayList<>(chunkSize);
                    }
                }
                if (!rows.isEmpty()) {
                    chunk.accept(rows);
                }
            }
        } catch (EOFException e) {
            throw new IllegalStateException("The relation spool " + file + " ended early", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the relation spool " + file, e);
        }
    }

    /** A relation read back, with the batch it came in. */
    record Spooled(RelationRecord relation, String batch) {
    }

    private static Spooled read(DataInputStream in) throws IOException {
        String s = text(in);
        String p = text(in);
        String o = text(in);
        String batch = text(in);
        String source = text(in);
        String evidence = text(in);
        double confidence = in.readDouble();
        long from = in.readLong();
        long to = in.readLong();
        Provenance provenance = source == null && evidence == null && Double.isNaN(confidence)
                && from == Long.MIN_VALUE && to == Long.MIN_VALUE ? Provenance.NONE
                : new Provenance(source, evidence, Double.isNaN(confidence) ? null : confidence,
                        from == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(from),
                        to == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(to));
        return new Spooled(new RelationRecord(s, p, o, provenance, 0), batch);
    }

    private void text(String s) throws IOException {
        EntitySpool.text(out, s);
    }

    private static String text(DataInputStream in) throws IOException {
        return EntitySpool.text(in);
    }

    @Override
    public void close() {
        EntitySpool.delete(out, file);
    }
}
