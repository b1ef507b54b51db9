package io.cigraph.importing;

import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.CardinalityRule;
import io.cigraph.ontology.Ontology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The shapes' counts of a resource's relations ({@link Ontology#cardinalityRules()}), over a whole
 * file: a relation may come anywhere in it, chunks away from its resource, so a chunk alone
 * cannot tell "no release of" from "a release of stated later". Each chunk leaves behind, for
 * every resource its relations name, the first few distinct values each path step reaches (no
 * more than any rule needs told apart, one or two), and for each resource the file describes
 * that a rule targets, its line and classes; once the file is read, every such resource is judged
 * with the same verdict the shapes give a file read in one piece. Memory grows with the file's
 * resources, not its relations.
 */
final class RelationCounts {

    private final Ontology ontology;
    private final String file;
    private final List<CardinalityRule> rules;
    private final List<CardinalityRule.Step> steps = new ArrayList<>();
    private final int[] caps;
    /** Per predicate, the steps that follow it: forwards (from the subject) or inverse (from the object). */
    private final Map<String, List<Integer>> forward = new HashMap<>();
    private final Map<String, List<Integer>> inverse = new HashMap<>();
    /** Per resource, per step, the first distinct values reached. */
    private final Map<String, List<String>[]> values = new HashMap<>();
    /** The resources described that some rule targets: line and stated classes, in file order. */
    private final Map<String, ResourceRecord> described = new LinkedHashMap<>();

    RelationCounts(Ontology ontology, String file) {
        this.ontology = ontology;
        this.file = file;
        this.rules = ontology.cardinalityRules();
        List<Integer> caps = new ArrayList<>();
        for (CardinalityRule rule : rules) {
            for (CardinalityRule.Step step : rule.path()) {
                int i = steps.indexOf(step);
                if (i < 0) {
                    i = steps.size();
                    steps.add(step);
                    caps.add(0);
                    (step.inverse() ? inverse : forward).computeIfAbsent(step.property(), k -> new ArrayList<>()).add(i);
                }
                caps.set(i, Math.max(caps.get(i), rule.cap()));
            }
        }
        this.caps = caps.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Notes what a chunk describes and states. */
    void add(FileRecords.Chunk chunk) {
        if (rules.isEmpty()) {
            return;
        }
        for (ResourceRecord r : chunk.resources()) {
            Set<String> classes = new HashSet<>(ontology.withSuperclasses(r.types()));
            if (rules.stream().anyMatch(rule -> rule.targetClasses().stream().anyMatch(classes::contains))) {
                described.put(r.id(), new ResourceRecord(r.id(), r.iri(), r.types(), null, List.of(), null, Map.of(), r.line()));
            }
        }
        for (RelationRecord r : chunk.relations()) {
            forward.getOrDefault(r.predicate(), List.of()).forEach(step -> reach(r.subject(), step, r.object()));
            inverse.getOrDefault(r.predicate(), List.of()).forEach(step -> reach(r.object(), step, r.subject()));
        }
    }

    @SuppressWarnings("unchecked")
    private void reach(String node, int step, String value) {
        List<String>[] reached = values.computeIfAbsent(node, k -> new List[steps.size()]);
        if (reached[step] == null) {
            reached[step] = new ArrayList<>(1);
        }
        if (reached[step].size() < caps[step] && !reached[step].contains(value)) {
            reached[step].add(value);
        }
    }

    /** The findings on the whole file, as a chunk without records: errors and warnings. */
    FileRecords.Chunk findings() {
        return findings(ids -> List.of());
    }

    /**
     * The findings on the whole file, a resource the graph already has counted as the union of its
     * imports holds it: where the file breaks a rule of such a resource, the relations
     * other imports state about it count on each path step the file states nothing on. So a
     * restatement of an OS release without its {@code releaseOf} (a node table, an export edited
     * and imported back) passes when another import gives it, while a file that states a second
     * one is still counted as it stands. Asked only for resources that fail, so that files that
     * pass pay nothing.
     *
     * @param inGraph the relations in the graph of the given resources, as other imports state them
     */
    FileRecords.Chunk findings(Function<Collection<String>, List<RelationRecord>> inGraph) {
        Set<String> failing = new LinkedHashSet<>();
        described.values().forEach(r -> {
            List<List<ImportProblem>> found = judge(r);
            if (!found.get(0).isEmpty() || !found.get(1).isEmpty()) {
                failing.add(r.id());
            }
        });
        if (!failing.isEmpty()) {
            // Decided before any is added: a step the file states nothing on, per resource.
            Set<String> empty = new HashSet<>();
            for (String id : failing) {
                List<String>[] reached = values.get(id);
                for (int step = 0; step < steps.size(); step++) {
                    if (reached == null || reached[step] == null || reached[step].isEmpty()) {
                        empty.add(id + " " + step);
                    }
                }
            }
            for (RelationRecord r : inGraph.apply(failing)) {
                forward.getOrDefault(r.predicate(), List.of()).stream().filter(step -> empty.contains(r.subject() + " " + step))
                        .forEach(step -> reach(r.subject(), step, r.object()));
                inverse.getOrDefault(r.predicate(), List.of()).stream().filter(step -> empty.contains(r.object() + " " + step))
                        .forEach(step -> reach(r.object(), step, r.subject()));
            }
        }
        List<ImportProblem> errors = new ArrayList<>();
        List<ImportProblem> warnings = new ArrayList<>();
        described.values().forEach(r -> {
            List<List<ImportProblem>> found = judge(r);
            errors.addAll(found.get(0));
            warnings.addAll(found.get(1));
        });
        return new FileRecords.Chunk(List.of(), List.of(), errors, warnings, List.of());
    }

    /** One resource's verdicts: its errors, then its warnings. */
    private List<List<ImportProblem>> judge(ResourceRecord r) {
        List<ImportProblem> errors = new ArrayList<>();
        List<ImportProblem> warnings = new ArrayList<>();
        Set<String> classes = new HashSet<>(ontology.withSuperclasses(r.types()));
        List<String>[] reached = values.get(r.id());
        for (CardinalityRule rule : rules) {
            if (rule.targetClasses().stream().noneMatch(classes::contains)) {
                continue;
            }
            Set<String> distinct = new HashSet<>();
            for (CardinalityRule.Step step : rule.path()) {
                List<String> v = reached == null ? null : reached[steps.indexOf(step)];
                if (v != null) {
                    distinct.addAll(v);
                }
            }
            if (rule.brokenBy(Math.min(distinct.size(), rule.cap()))) {
                (rule.error() ? errors : warnings).add(new ImportProblem(file, r.line() > 0 ? r.line() : null, r.id(),
                        rule.pathName(), rule.message()));
            }
        }
        return List.of(errors, warnings);
    }
}
