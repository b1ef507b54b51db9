package io.cigraph.graph;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a write that takes claims back changed, for its ledger entry: the resources whose record or
 * claims changed and the relations (as {@code "subject predicate object"}, the predicate by its
 * ontology name) whose claims changed or that it deleted, with both ends among the resources.
 * A store follows the entry by replacing what it holds of exactly these with what the graph holds.
 */
final class Touched {

    final Set<String> resources = new TreeSet<>();
    final Set<String> relations = new TreeSet<>();

    void relation(String subject, String predicate, String object) {
        relations.add(subject + " " + predicate + " " + object);
        resources.add(subject);
        resources.add(object);
    }

    /** The resources for the ledger, or null past {@link GraphWrites#MAX_TOUCHED} (the entry is then rebuilt from). */
    List<String> resourceList() {
        return GraphWrites.capped(resources);
    }

    /** The relations for the ledger, or null past {@link GraphWrites#MAX_TOUCHED}. */
    List<String> relationList() {
        return GraphWrites.capped(relations);
    }
}
