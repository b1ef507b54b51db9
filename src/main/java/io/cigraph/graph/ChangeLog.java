package io.cigraph.graph;

import io.cigraph.model.Alias;
import io.cigraph.model.Provenance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A write's changes as the JSON its ledger entry keeps ({@code report}), with values in plain JSON
 * (dates as text, provenance as an object). Capped, so that a ledger entry of a huge file stays a
 * small property: the counts are on the entry anyway.
 */
final class ChangeLog {

    static final int MAX = 10_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChangeLog() {
    }

    static String json(List<Change> changes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Change c : changes.subList(0, Math.min(MAX, changes.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", c.action());
            m.put("resource", c.resource());
            m.put("field", c.field());
            m.put("oldValue", plain(c.oldValue()));
            m.put("newValue", plain(c.newValue()));
            out.add(m);
        }
        return JSON.writeValueAsString(out);
    }

    @SuppressWarnings("unchecked")
    static List<Change> read(String json) {
        if (json == null) {
            return List.of();
        }
        List<Map<String, Object>> in = JSON.readValue(json, List.class);
        return in.stream().map(m -> new Change((String) m.get("action"), (String) m.get("resource"), (String) m.get("field"),
                m.get("oldValue"), m.get("newValue"))).toList();
    }

    /** A value as JSON knows it: what the REST answers show too. */
    static Object plain(Object v) {
        return switch (v) {
            case null -> null;
            case LocalDate d -> d.toString();
            case Alias a -> a.language().isEmpty() ? a.text() : a.text() + "@" + a.language();
            case Provenance p -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("source", p.source());
                m.put("evidence", p.evidence());
                m.put("confidence", p.confidence());
                m.put("validFrom", p.validFrom() == null ? null : p.validFrom().toString());
                m.put("validTo", p.validTo() == null ? null : p.validTo().toString());
                yield m;
            }
            case List<?> l -> l.stream().map(ChangeLog::plain).toList();
            default -> v;
        };
    }

    /** Changes with plain values, for an answer. */
    static List<Change> plain(List<Change> changes) {
        return changes.stream().map(c -> new Change(c.action(), c.resource(), c.field(), plain(c.oldValue()),
                plain(c.newValue()))).toList();
    }
}
