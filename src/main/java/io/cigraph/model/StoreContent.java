package io.cigraph.model;

import java.util.Set;

/**
 * What one store holds, as far as the stores can be compared cheaply: the batches of its ledger
 * and how many resources and relations it has. Stores that agree on all three hold the same
 * records, short of a bug that changes a record without changing a count.
 *
 * @param store     the store's name
 * @param batches   content hashes of the batches its ledger holds
 * @param resources resources it holds
 * @param relations relations it holds
 */
public record StoreContent(String store, Set<String> batches, long resources, long relations) {

    public StoreContent {
        batches = Set.copyOf(batches);
    }

    /** What differs from {@code other}, in words, or an empty string when they agree. */
    public String differenceFrom(StoreContent other) {
        StringBuilder b = new StringBuilder();
        if (!batches.equals(other.batches)) {
            long missing = other.batches.stream().filter(s -> !batches.contains(s)).count();
            long extra = batches.stream().filter(s -> !other.batches.contains(s)).count();
            if (missing > 0) {
                b.append("%s lacks %d of %s's %d batch(es); ".formatted(store, missing, other.store, other.batches.size()));
            }
            if (extra > 0) {
                b.append("%s holds %d batch(es) that %s does not; ".formatted(store, extra, other.store));
            }
        }
        if (resources != other.resources) {
            b.append("%s has %d resources, %s %d; ".formatted(store, resources, other.store, other.resources));
        }
        if (relations != other.relations) {
            b.append("%s has %d relations, %s %d; ".formatted(store, relations, other.store, other.relations));
        }
        return b.isEmpty() ? "" : b.substring(0, b.length() - 2);
    }
}
