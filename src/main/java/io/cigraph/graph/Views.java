package io.cigraph.graph;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The graph's answers, as the web feature serialises them. Public because the web feature
 * returns them; they hold plain values only.
 */
public final class Views {

    private Views() {
    }

    /** A resource in brief: enough to show it and link to it. */
    public record NodeRef(String id, String label, List<String> types) {
    }

    /** A class of a resource with its superclasses, nearest first. */
    public record TypeView(String name, String label, List<String> superclasses) {
    }

    public record AliasView(String text, String language) {
    }

    /** The document a fact comes from. */
    public record SourceRef(String id, String title, String publisher, LocalDate publishedOn, String url) {
    }

    /** Where a relation comes from and when it holds; all fields may be null for structural links. */
    public record ProvenanceView(SourceRef source, String evidence, Double confidence, LocalDate validFrom,
                                 LocalDate validTo) {
    }

    /**
     * A relation seen from one of its ends; where the live imports that state it give different
     * provenance, every one with its batch and sources and the one shown marked with why
     * ({@code alternatives}, left out of the JSON when they agree).
     */
    public record RelationView(String predicate, String label, String direction, String relationshipType,
                               NodeRef other, ProvenanceView provenance,
                               @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                               List<Alternative> alternatives) {

        public RelationView(String predicate, String label, String direction, String relationshipType, NodeRef other,
                            ProvenanceView provenance) {
            this(predicate, label, direction, relationshipType, other, provenance, List.of());
        }
    }

    /** A relation as an edge between two ids. */
    public record EdgeView(String id, String predicate, String relationshipType, String from, String to,
                           ProvenanceView provenance) {
    }

    /** Everything about one resource. */
    public record EntityView(String id, String iri, String label, List<TypeView> types, List<AliasView> aliases,
                             String description, Map<String, Object> properties, long relationCount,
                             boolean relationsTruncated, List<RelationView> relations, List<String> batches,
                             Map<String, List<Alternative>> alternatives) {
    }

    /**
     * One value of a single-valued field that live imports disagree on.
     *
     * @param value     the value this import gave
     * @param batch     the import that gave it
     * @param sources   the sources that import rests on
     * @param preferred whether it is the value shown
     * @param why       for the preferred one, why it wins over the next ({@code later source date},
     *                  {@code higher confidence}, {@code later import})
     */
    public record Alternative(Object value, String batch, List<String> sources, boolean preferred, String why) {
    }

    /** How many relations of one kind a node has in one direction. */
    public record RelationCount(String predicate, String relationshipType, String direction, long count) {
    }

    /**
     * A page of a neighbourhood: nodes and the edges between them, counts, and the next page.
     *
     * @param via ids of the nodes that are there only to connect nodes of the class asked for to the
     *            root (they are of another class); empty without a class filter
     */
    public record Neighborhood(String root, int depth, List<NodeRef> nodes, List<String> via, List<EdgeView> edges,
                               List<RelationCount> counts, String nextCursor) {
    }

    /** One path: its nodes in order and the edge between each pair. */
    public record PathView(int length, List<NodeRef> nodes, List<EdgeView> edges) {
    }

    public record Paths(String from, String to, int maxHops, List<PathView> paths) {
    }

    /** A source with how many facts cite it. */
    public record SourceSummary(SourceRef source, String description, long relations, long observations) {
    }

    /** A fact (relation) as stated by a source. */
    public record Fact(NodeRef subject, String predicate, NodeRef object, String evidence, Double confidence,
                       LocalDate validFrom, LocalDate validTo) {
    }

    /** A measured figure. */
    public record ObservationView(String id, String label, NodeRef subject, String metric, Object value, String unit,
                                  String trend, String period, LocalDate periodStart, LocalDate periodEnd,
                                  String evidence) {
    }

    /**
     * A source with a page of the facts and observations that cite it.
     *
     * @param truncated  whether a later page has more facts or observations
     * @param nextCursor the cursor of that page, or {@code null} on the last
     */
    public record SourceDetail(SourceRef source, String description, List<Fact> facts, List<ObservationView> observations,
                               boolean truncated, String nextCursor) {
    }

    public record ImportBatchView(String id, String file, String sha256, String importedAt, long resources,
                                  long relations) {
    }

    public record Stats(long resources, long relations, Map<String, Long> classes, Map<String, Long> relationTypes,
                        List<ImportBatchView> batches) {
    }
}
