package io.cigraph.graph;

import io.cigraph.graph.Claims.Claim;
import io.cigraph.graph.Views.Alternative;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The single-valued fields that live imports disagree on, each with every value given, who gave
 * it and which one is shown and why: the entity answer's {@code alternatives}. Fields every
 * claim agrees on (or only one claim gives) are left out.
 */
final class Alternatives {

    private Alternatives() {
    }

    static Map<String, List<Alternative>> of(List<Claim> claims, Function<String, List<String>> sources) {
        Map<String, List<Alternative>> out = new LinkedHashMap<>();
        if (claims.size() < 2) {
            return out;
        }
        List<Claim> ranked = claims.stream().sorted(Claims.PREFERENCE).toList();
        field(out, "label", ranked, c -> c.resource().label(), sources);
        field(out, "description", ranked, c -> c.resource().description(), sources);
        ranked.stream().flatMap(c -> c.resource().properties().entrySet().stream())
                .filter(e -> !(e.getValue() instanceof List<?>)).map(Map.Entry::getKey).distinct().sorted()
                .forEach(k -> field(out, k, ranked, c -> c.resource().properties().get(k), sources));
        return out;
    }

    /** A relation's provenance as each live import gives it, when they differ; empty when they agree. */
    static List<Alternative> ofRelation(List<Claim> claims, Function<String, List<String>> sources) {
        if (claims.size() < 2) {
            return List.of();
        }
        Map<String, List<Alternative>> out = new LinkedHashMap<>();
        field(out, "provenance", claims.stream().sorted(Claims.PREFERENCE).toList(), Claim::provenance, sources);
        return out.getOrDefault("provenance", List.of());
    }

    private static void field(Map<String, List<Alternative>> out, String name, List<Claim> ranked,
                              Function<Claim, Object> value, Function<String, List<String>> sources) {
        List<Claim> giving = ranked.stream().filter(c -> value.apply(c) != null).toList();
        if (giving.stream().map(value).distinct().count() < 2) {
            return;
        }
        List<Alternative> alternatives = new ArrayList<>();
        Object shown = value.apply(giving.getFirst());
        for (int i = 0; i < giving.size(); i++) {
            Claim c = giving.get(i);
            boolean preferred = i == 0;
            String why = null;
            if (preferred) {
                Claim next = giving.stream().skip(1).filter(o -> !Objects.equals(value.apply(o), shown)).findFirst().orElse(null);
                why = next == null ? null : Claims.why(c, next);
            }
            alternatives.add(new Alternative(ChangeLog.plain(value.apply(c)), c.batch(), sources.apply(c.batch()), preferred, why));
        }
        out.put(name, alternatives);
    }
}
