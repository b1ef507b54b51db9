package io.cigraph.importing;

import io.cigraph.graph.GraphStore;
import io.cigraph.model.Alias;
import io.cigraph.model.Provenance;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import io.cigraph.resolution.NameIndex;
import io.cigraph.resolution.NameKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds an import's likely duplicates before it is written, and with {@link Resolve#MERGE} or
 * {@code owl:sameAs} writes them onto the entity they duplicate. Works on the whole file's records,
 * so it runs where a file is one batch. The graph is asked once which ids it has and the search
 * index once for every name key of the new ones ({@link NameIndex}), so a thousand entities cost
 * two lookups, not a thousand.
 *
 * <p>Only resources of one kind match: entities with entities, sources with sources; observations
 * are named after what they measure and never match. Merged onto an entity the graph has, the
 * incoming record becomes this import's statement about that entity: the entity keeps its label,
 * the incoming label becomes an alias, and everything else is one more claim beside the other
 * imports' (a single value that differs is reported as a conflict, and the preference rule of
 * {@code Claims} chooses); undoing the import takes it all back. Merged within the file, the
 * records are combined: the target keeps its label, description and single values.
 */
final class Resolution {

    /** Alias language of an incoming label kept as an alias: BCP 47's "undetermined". */
    static final String UNDETERMINED = "und";

    private final GraphStore graph;
    private final NameIndex names;
    private final Ontology ontology;

    Resolution(GraphStore graph, NameIndex names, Ontology ontology) {
        this.graph = graph;
        this.names = names;
        this.ontology = ontology;
    }

    /** The records to write, and what was found. */
    record Resolved(List<ResourceRecord> resources, List<RelationRecord> relations, List<LikelyDuplicate> duplicates) {
    }

    Resolved resolve(String file, List<ResourceRecord> resources, List<RelationRecord> relations,
                     List<RecordMapper.SameAs> sameAs, Resolve mode) {
        Set<String> asked = new LinkedHashSet<>();
        resources.forEach(r -> asked.add(r.id()));
        sameAs.forEach(s -> {
            asked.add(s.id());
            asked.add(s.target());
        });
        Set<String> inGraph = graph.typesOf(asked).keySet();
        List<LikelyDuplicate> found = new ArrayList<>();
        Map<String, String> onto = new LinkedHashMap<>();
        sameAs(file, sameAs, inGraph, found, onto);
        byName(resources, inGraph, mode, found, onto);
        if (onto.isEmpty()) {
            return new Resolved(resources, relations, found);
        }
        Map<String, String> finalIds = close(onto);
        List<LikelyDuplicate> reported = new ArrayList<>();
        Map<String, ResourceRecord> merged = merge(resources, finalIds, inGraph, found, reported);
        return new Resolved(List.copyOf(merged.values()), rewrite(relations, finalIds), reported);
    }

    /** {@code a owl:sameAs b}: a onto b, unless only a is in the graph (then b onto a); both in the graph is refused. */
    private void sameAs(String file, List<RecordMapper.SameAs> sameAs, Set<String> inGraph, List<LikelyDuplicate> found,
                        Map<String, String> onto) {
        List<ImportProblem> problems = new ArrayList<>();
        for (RecordMapper.SameAs s : sameAs) {
            boolean idKnown = inGraph.contains(s.id());
            boolean targetKnown = inGraph.contains(s.target());
            if (idKnown && targetKnown) {
                problems.add(new ImportProblem(file, s.line() > 0 ? s.line() : null, s.id(), "owl:sameAs",
                        "'" + s.id() + "' and '" + s.target() + "' are both in the graph already; owl:sameAs merges a new "
                                + "entity onto a known one: describe the new one under its own id, or remove this statement."));
                continue;
            }
            String from = idKnown ? s.target() : s.id();
            String to = idKnown ? s.id() : s.target();
            if (onto.putIfAbsent(from, to) == null) {
                found.add(new LikelyDuplicate(from, s.line() > 0 ? s.line() : null, to, inGraph.contains(to), "owl:sameAs",
                        List.of(), true, List.of()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportRejectedException(file, problems);
        }
    }

    /** New ids whose names have the key of a known entity's name, or of an earlier new one's. */
    private void byName(List<ResourceRecord> resources, Set<String> inGraph, Resolve mode, List<LikelyDuplicate> found,
                        Map<String, String> onto) {
        List<ResourceRecord> fresh = resources.stream().filter(r -> !inGraph.contains(r.id()) && kind(r.types()) != null).toList();
        Set<String> keys = new HashSet<>();
        fresh.forEach(r -> keysOf(names(r)).forEach((key, name) -> keys.add(key)));
        Map<String, List<NameIndex.Named>> known = names.byKeys(keys);
        Map<String, Seen> earlier = new LinkedHashMap<>();
        for (ResourceRecord r : fresh) {
            if (onto.containsKey(r.id())) {
                continue;
            }
            String kind = kind(r.types());
            Map<String, Map.Entry<String, List<LikelyDuplicate.NameMatch>>> matches = new LinkedHashMap<>();
            Map<String, String> own = keysOf(names(r));
            own.forEach((key, name) -> {
                for (NameIndex.Named n : known.getOrDefault(key, List.of())) {
                    if (!n.id().equals(r.id()) && kind.equals(kind(n.types()))) {
                        for (String other : n.names()) {
                            if (key.equals(NameKey.of(other))) {
                                matches.computeIfAbsent(n.id(), k -> Map.entry("graph", new ArrayList<>()))
                                        .getValue().add(new LikelyDuplicate.NameMatch(name, other, key));
                            }
                        }
                    }
                }
                Seen seen = earlier.get(kind + ' ' + key);
                if (seen != null && !seen.id().equals(r.id())) {
                    matches.computeIfAbsent(seen.id(), k -> Map.entry("file", new ArrayList<>()))
                            .getValue().add(new LikelyDuplicate.NameMatch(name, seen.name(), key));
                }
            });
            own.forEach((key, name) -> earlier.putIfAbsent(kind + ' ' + key, new Seen(r.id(), name)));
            boolean first = true;
            for (var m : matches.entrySet()) {
                boolean merge = mode == Resolve.MERGE && first;
                String target = m.getKey();
                found.add(new LikelyDuplicate(r.id(), r.line() > 0 ? r.line() : null, target, "graph".equals(m.getValue().getKey()),
                        "name", m.getValue().getValue(), merge, List.of()));
                if (merge) {
                    onto.put(r.id(), target);
                }
                first = false;
            }
        }
    }

    private record Seen(String id, String name) {
    }

    /**
     * Likely duplicates among the resources of a bulk load, chunk by chunk: the stores are empty,
     * so only names within the import can match, and they are reported, never merged (a merge
     * needs the file whole; see {@link ImportService#importFiles(List, boolean, Resolve, ImportProgress.Listener)}).
     * Keeps one id and name per key seen.
     */
    final class Running {

        private final Map<String, Seen> earlier = new java.util.HashMap<>();

        List<LikelyDuplicate> add(List<ResourceRecord> chunk) {
            List<LikelyDuplicate> found = new ArrayList<>();
            for (ResourceRecord r : chunk) {
                String kind = kind(r.types());
                if (kind == null) {
                    continue;
                }
                Map<String, List<LikelyDuplicate.NameMatch>> matches = new LinkedHashMap<>();
                keysOf(names(r)).forEach((key, name) -> {
                    Seen seen = earlier.putIfAbsent(kind + ' ' + key, new Seen(r.id(), name));
                    if (seen != null && !seen.id().equals(r.id())) {
                        matches.computeIfAbsent(seen.id(), k -> new ArrayList<>()).add(new LikelyDuplicate.NameMatch(name, seen.name(), key));
                    }
                });
                matches.forEach((other, names) -> found.add(new LikelyDuplicate(r.id(), r.line() > 0 ? r.line() : null, other,
                        false, "name", names, false, List.of())));
            }
            return found;
        }
    }

    /** Each id onto the end of its chain (a onto b onto c: a onto c); a cycle stops where it closes. */
    private static Map<String, String> close(Map<String, String> onto) {
        Map<String, String> closed = new LinkedHashMap<>();
        onto.forEach((from, to) -> {
            Set<String> visited = new HashSet<>(List.of(from));
            String end = to;
            while (onto.containsKey(end) && visited.add(end)) {
                end = onto.get(end);
            }
            if (!end.equals(from)) {
                closed.put(from, end);
            }
        });
        return closed;
    }

    /**
     * The records with merged ones folded into their target: the target as the file states it,
     * else as the graph has it, in the file's order (the target where the first of its group stood).
     */
    private Map<String, ResourceRecord> merge(List<ResourceRecord> resources, Map<String, String> finalIds,
                                              Set<String> inGraph, List<LikelyDuplicate> found,
                                              List<LikelyDuplicate> reported) {
        Map<String, ResourceRecord> inFile = new LinkedHashMap<>();
        resources.forEach(r -> inFile.putIfAbsent(r.id(), r));
        Set<String> targets = new HashSet<>(finalIds.values());
        // A target the file does not describe is in the graph: owl:sameAs to an unknown id is
        // rejected by the mapper, and names match only what the index holds.
        List<String> fromGraph = targets.stream().filter(t -> !inFile.containsKey(t)).toList();
        Map<String, ResourceRecord> known = fromGraph.isEmpty() ? Map.of() : graph.resourcesOf(fromGraph);
        Map<String, ResourceRecord> out = new LinkedHashMap<>();
        Map<String, List<String>> conflicts = new LinkedHashMap<>();
        for (ResourceRecord r : resources) {
            String id = finalIds.getOrDefault(r.id(), r.id());
            ResourceRecord base = out.get(id);
            if (base == null) {
                base = inFile.containsKey(id) ? inFile.get(id) : known.get(id);
            }
            if (base == null) {
                // A target neither described in the file nor in the graph cannot happen: the
                // mapper rejects owl:sameAs to unknown ids, and name matches come from the index.
                throw new IllegalStateException("No record for merge target " + id);
            }
            if (r.id().equals(id)) {
                out.put(id, out.containsKey(id) ? combine(out.get(id), r, new ArrayList<>()) : r);
            } else if (!inFile.containsKey(id)) {
                // Onto an entity of the graph: this import's statement about it, beside what other imports say.
                List<String> differing = new ArrayList<>();
                ResourceRecord claim = claimOnto(known.get(id), r, differing);
                out.put(id, out.containsKey(id) ? combine(out.get(id), claim, new ArrayList<>()) : claim);
                conflicts.put(r.id(), differing);
            } else {
                List<String> lost = new ArrayList<>();
                out.put(id, combine(base, r, lost));
                conflicts.put(r.id(), lost);
            }
        }
        for (LikelyDuplicate d : found) {
            String to = d.merged() ? finalIds.getOrDefault(d.id(), d.duplicateOf()) : d.duplicateOf();
            reported.add(new LikelyDuplicate(d.id(), d.line(), to, d.inGraph() || inGraph.contains(to), d.reason(), d.names(),
                    d.merged(), conflicts.getOrDefault(d.id(), List.of())));
        }
        return out;
    }

    /**
     * What this import states about an entity of the graph that {@code incoming} was merged onto:
     * everything {@code incoming} says under the entity's id, but no label (the entity keeps its
     * own; the incoming label becomes an alias), so that it is one more import's statement about the
     * entity, owned by this batch and taken back with it (see {@code Claims}). A single value that
     * differs from the entity's is an alternative the preference rule decides on; its field goes to
     * {@code differing}.
     */
    private static ResourceRecord claimOnto(ResourceRecord known, ResourceRecord incoming, List<String> differing) {
        Set<String> named = new HashSet<>();
        if (known.label() != null) {
            named.add(known.label());
        }
        known.aliases().forEach(a -> named.add(a.text()));
        List<Alias> aliases = new ArrayList<>();
        Set<String> added = new HashSet<>();
        if (incoming.label() != null && !named.contains(incoming.label()) && added.add(incoming.label())) {
            aliases.add(new Alias(incoming.label(), UNDETERMINED));
        }
        incoming.aliases().stream().filter(a -> added.add(a.text() + '@' + a.language())).forEach(aliases::add);
        if (known.description() != null && incoming.description() != null && !known.description().equals(incoming.description())) {
            differing.add("description");
        }
        incoming.properties().forEach((name, value) -> {
            Object mine = known.properties().get(name);
            if (mine != null && !(mine instanceof List<?>) && !(value instanceof List<?>) && !mine.equals(value)) {
                differing.add(name);
            }
        });
        return new ResourceRecord(known.id(), known.iri(), incoming.types(), null, aliases, incoming.description(),
                incoming.properties(), incoming.line());
    }

    /** {@code base} with what {@code other} adds; fields where they differ and {@code base} wins go to {@code lost}. */
    private ResourceRecord combine(ResourceRecord base, ResourceRecord other, List<String> lost) {
        List<String> types = new ArrayList<>(base.types());
        other.types().stream().filter(t -> !types.contains(t)).forEach(types::add);
        String label = base.label() != null ? base.label() : other.label();
        List<Alias> aliases = new ArrayList<>(base.aliases());
        Set<String> named = new HashSet<>();
        if (label != null) {
            named.add(label);
        }
        aliases.forEach(a -> named.add(a.text()));
        if (other.label() != null && named.add(other.label())) {
            aliases.add(new Alias(other.label(), UNDETERMINED));
        }
        other.aliases().stream().filter(a -> named.add(a.text())).forEach(aliases::add);
        String description = base.description() != null ? base.description() : other.description();
        if (base.description() != null && other.description() != null && !base.description().equals(other.description())) {
            lost.add("description");
        }
        Map<String, Object> properties = new LinkedHashMap<>(base.properties());
        other.properties().forEach((name, value) -> {
            Object mine = properties.get(name);
            if (mine == null) {
                properties.put(name, value);
            } else if (mine instanceof List<?> || value instanceof List<?>) {
                Set<Object> all = new LinkedHashSet<>(asList(mine));
                all.addAll(asList(value));
                properties.put(name, List.copyOf(all));
            } else if (!mine.equals(value)) {
                lost.add(name);
            }
        });
        return new ResourceRecord(base.id(), base.iri(), types, label, aliases, description, properties, base.line());
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }

    /** Relations with merged ids replaced (ends and cited source), each (subject, predicate, object) once. */
    private static List<RelationRecord> rewrite(List<RelationRecord> relations, Map<String, String> finalIds) {
        Map<List<String>, RelationRecord> out = new LinkedHashMap<>();
        for (RelationRecord r : relations) {
            Provenance p = r.provenance();
            Provenance provenance = p.source() != null && finalIds.containsKey(p.source())
                    ? new Provenance(finalIds.get(p.source()), p.evidence(), p.confidence(), p.validFrom(), p.validTo()) : p;
            RelationRecord rewritten = new RelationRecord(finalIds.getOrDefault(r.subject(), r.subject()), r.predicate(),
                    finalIds.getOrDefault(r.object(), r.object()), provenance, r.line());
            out.putIfAbsent(List.of(rewritten.subject(), rewritten.predicate(), rewritten.object()), rewritten);
        }
        return List.copyOf(out.values());
    }

    /** {@code Entity}, {@code Source}, or {@code null} for what never matches (observations). */
    String kind(Collection<String> types) {
        List<String> all = ontology.withSuperclasses(List.copyOf(types));
        return all.contains("Entity") ? "Entity" : all.contains("Source") ? "Source" : null;
    }

    private static List<String> names(ResourceRecord r) {
        List<String> names = new ArrayList<>();
        if (r.label() != null) {
            names.add(r.label());
        }
        r.aliases().forEach(a -> names.add(a.text()));
        return names;
    }

    /** Each non-empty key of the names, with the first name that has it. */
    static Map<String, String> keysOf(List<String> names) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String name : names) {
            String key = NameKey.of(name);
            if (!key.isEmpty()) {
                keys.putIfAbsent(key, name);
            }
        }
        return keys;
    }
}
