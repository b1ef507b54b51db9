package io.cigraph.graph;

import io.cigraph.model.ImportBatch;
import io.cigraph.model.RelationRecord;
import java.util.List;
import java.util.Map;

/**
 * A batch as it lands: the effective records of everything it touches (what the other stores
 * are written from, as they always were), what the graph keeps beside them (each live batch's
 * claims), and what changes. Public: the import pipeline carries it from the graph to the stores.
 *
 * @param stated    the batch as the file stated it
 * @param effective the same resources and relations as they are once merged with what other
 *                  live batches say of them; same id, file and hash as {@code stated}
 * @param nodeExtras     ownership properties of each written node, by id
 * @param relationExtras ownership properties of each written relationship, by {@link #key}
 * @param changes   created, changed (field by field) and unchanged records
 */
public record OwnedBatch(ImportBatch stated, ImportBatch effective, Map<String, Map<String, Object>> nodeExtras,
                         Map<String, Map<String, Object>> relationExtras, List<Change> changes) {

    /** A relation's key in reports and in {@link #relationExtras}. */
    public static String key(RelationRecord r) {
        return r.subject() + " " + r.predicate() + " " + r.object();
    }

    /** A batch written as stated, owning what it writes alone: the bulk load's case. */
    static OwnedBatch alone(ImportBatch batch) {
        return new OwnedBatch(batch, batch, Map.of(), Map.of(), List.of());
    }
}
