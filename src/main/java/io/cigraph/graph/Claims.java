package io.cigraph.graph;

import io.cigraph.model.Alias;
import io.cigraph.model.Provenance;
import io.cigraph.model.ResourceRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * What each live import batch said about one resource or relation, and the rule that makes one
 * effective record of them. Kept in Neo4j as a JSON string ({@code claims}, keyed by batch id)
 * beside the list of those batches ({@code batches}); the plain properties are the effective
 * record, so every reader that knows nothing of ownership reads what it always read. A node or
 * relationship without {@code claims} was written by one batch alone (its {@code batch}) and its
 * plain properties are that batch's statement: the bulk load writes no more than that, which keeps
 * the million-entity load as fast as before.
 * <p>
 * The rule, the same for every store: types, names, aliases and multi-valued properties are the
 * union of the claims; a single value (label, description, a single-valued property, a relation's
 * provenance) is the preferred claim's, preferring the later source date, then the higher
 * confidence, then the later import. A name that loses as label stays as an alias, so every name
 * any live import gave is searchable.
 */
final class Claims {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Preferred first: later source date, then higher confidence, then later import. */
    static final Comparator<Claim> PREFERENCE = Comparator
            .comparing(Claim::date, Comparator.nullsLast(Comparator.<LocalDate>reverseOrder()))
            .thenComparing(Claim::confidence, Comparator.nullsLast(Comparator.<Double>reverseOrder()))
            .thenComparing(Claim::order, Comparator.reverseOrder())
            .thenComparing(Claim::batch, Comparator.reverseOrder());

    private Claims() {
    }

    /**
     * One batch's statement.
     *
     * @param batch      batch id
     * @param order      when the batch was imported (epoch millis; 0 for a bulk-loaded one)
     * @param date       the date of the source behind the statement, or {@code null}
     * @param confidence the confidence given with it, or {@code null}
     * @param resource   what it said of a resource, or {@code null} for a relation
     * @param provenance what it said of a relation, or {@code null} for a resource
     */
    record Claim(String batch, long order, LocalDate date, Double confidence, ResourceRecord resource,
                 Provenance provenance) {
    }

    /** Why {@code winner} is preferred over {@code other}, in words. */
    static String why(Claim winner, Claim other) {
        if (!Objects.equals(winner.date(), other.date())) {
            return other.date() == null ? "dated source" : "later source date";
        }
        if (!Objects.equals(winner.confidence(), other.confidence())) {
            return "higher confidence";
        }
        return "later import";
    }

    /** The effective record of a resource: the union of its claims, single values from the preferred claim. */
    static ResourceRecord effective(String id, String iri, List<Claim> claims) {
        List<Claim> ranked = claims.stream().sorted(PREFERENCE).toList();
        Set<String> types = new LinkedHashSet<>();
        String label = null;
        String description = null;
        Set<Alias> aliases = new LinkedHashSet<>();
        List<Alias> lostLabels = new ArrayList<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        Set<String> multi = new LinkedHashSet<>();
        for (Claim c : ranked) {
            ResourceRecord r = c.resource();
            types.addAll(r.types());
            if (label == null) {
                label = r.label();
            } else if (r.label() != null && !r.label().equals(label)) {
                lostLabels.add(new Alias(r.label(), ""));
            }
            if (description == null) {
                description = r.description();
            }
            aliases.addAll(r.aliases());
            r.properties().forEach((k, v) -> {
                if (v instanceof List<?>) {
                    multi.add(k);
                }
            });
        }
        for (Claim c : ranked) {
            c.resource().properties().forEach((k, v) -> {
                if (multi.contains(k)) {
                    @SuppressWarnings("unchecked")
                    List<Object> values = (List<Object>) properties.computeIfAbsent(k, key -> new ArrayList<>());
                    for (Object value : v instanceof List<?> l ? l : List.of(v)) {
                        if (!values.contains(value)) {
                            values.add(value);
                        }
                    }
                } else {
                    properties.putIfAbsent(k, v);
                }
            });
        }
        for (Alias lost : lostLabels) {
            if (aliases.stream().noneMatch(a -> a.text().equals(lost.text()))) {
                aliases.add(lost);
            }
        }
        if (label == null && !aliases.isEmpty()) {
            // Only statements without a label are left (an import merged onto an entity states none):
            // a name is still needed, and its first alias is one.
            label = aliases.iterator().next().text();
        }
        String name = label;
        aliases.removeIf(a -> a.text().equals(name) && a.language().isEmpty());
        return new ResourceRecord(id, iri, List.copyOf(types), label, List.copyOf(aliases), description, properties, 0);
    }

    /** The preferred claim of a relation. */
    static Claim preferred(List<Claim> claims) {
        return claims.stream().min(PREFERENCE).orElseThrow();
    }

    // ---- JSON ----

    static String write(List<Claim> claims) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Claim c : claims) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("order", c.order());
            m.put("date", c.date() == null ? null : c.date().toString());
            m.put("confidence", c.confidence());
            if (c.resource() != null) {
                ResourceRecord r = c.resource();
                m.put("types", r.types());
                m.put("label", r.label());
                m.put("aliases", r.aliases().stream().map(a -> List.of(a.text(), a.language())).toList());
                m.put("description", r.description());
                Map<String, Object> props = new LinkedHashMap<>();
                r.properties().forEach((k, v) -> props.put(k, encode(v)));
                m.put("properties", props);
            } else {
                Provenance p = c.provenance();
                m.put("source", p.source());
                m.put("evidence", p.evidence());
                m.put("provenanceConfidence", p.confidence());
                m.put("validFrom", p.validFrom() == null ? null : p.validFrom().toString());
                m.put("validTo", p.validTo() == null ? null : p.validTo().toString());
            }
            out.put(c.batch(), m);
        }
        return JSON.writeValueAsString(out);
    }

    @SuppressWarnings("unchecked")
    static List<Claim> read(String json, String id, String iri) {
        Map<String, Object> in = JSON.readValue(json, LinkedHashMap.class);
        List<Claim> claims = new ArrayList<>();
        in.forEach((batch, value) -> {
            Map<String, Object> m = (Map<String, Object>) value;
            long order = ((Number) m.get("order")).longValue();
            LocalDate date = m.get("date") == null ? null : LocalDate.parse((String) m.get("date"));
            Double confidence = m.get("confidence") == null ? null : ((Number) m.get("confidence")).doubleValue();
            if (m.containsKey("types")) {
                List<Alias> aliases = ((List<List<String>>) m.get("aliases")).stream()
                        .map(a -> new Alias(a.get(0), a.get(1))).toList();
                Map<String, Object> props = new LinkedHashMap<>();
                ((Map<String, Object>) m.get("properties")).forEach((k, v) -> props.put(k, decode(v)));
                claims.add(new Claim(batch, order, date, confidence, new ResourceRecord(id, iri,
                        (List<String>) m.get("types"), (String) m.get("label"), aliases, (String) m.get("description"),
                        props, 0), null));
            } else {
                Object pc = m.get("provenanceConfidence");
                claims.add(new Claim(batch, order, date, confidence, null, new Provenance((String) m.get("source"),
                        (String) m.get("evidence"), pc == null ? null : ((Number) pc).doubleValue(),
                        m.get("validFrom") == null ? null : LocalDate.parse((String) m.get("validFrom")),
                        m.get("validTo") == null ? null : LocalDate.parse((String) m.get("validTo")))));
            }
        });
        return claims;
    }

    /** JSON has no date and one number type: a date is {@code {"date": ...}}, an integer a long. */
    private static Object encode(Object v) {
        if (v instanceof LocalDate d) {
            return Map.of("date", d.toString());
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Claims::encode).toList();
        }
        return v;
    }

    private static Object decode(Object v) {
        if (v instanceof Map<?, ?> m && m.get("date") instanceof String s) {
            return LocalDate.parse(s);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Claims::decode).toList();
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        return v;
    }
}
