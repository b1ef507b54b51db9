package io.cigraph.graph;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;
import org.neo4j.driver.types.TypeSystem;

/**
 * Neo4j values as JSON-ready Java values that keep their type: numbers, strings, booleans and
 * null as themselves, lists and maps as such, and everything JSON has no type for (nodes,
 * relationships, paths, temporal values, durations, points, bytes) as an object with a
 * {@code kind} and its parts, so that a client can tell a date from a string that looks like one.
 */
final class CypherValues {

    private CypherValues() {
    }

    static Object json(Value v) {
        TypeSystem t = TypeSystem.getDefault();
        if (v == null || v.isNull()) {
            return null;
        }
        var type = v.type();
        if (type.equals(t.BOOLEAN())) {
            return v.asBoolean();
        }
        if (type.equals(t.INTEGER())) {
            return v.asLong();
        }
        if (type.equals(t.FLOAT())) {
            return v.asDouble();
        }
        if (type.equals(t.STRING())) {
            return v.asString();
        }
        if (type.equals(t.LIST())) {
            return v.asList(CypherValues::json);
        }
        if (type.equals(t.MAP())) {
            return map(v.asMap(CypherValues::json));
        }
        if (type.equals(t.NODE())) {
            return node(v.asNode());
        }
        if (type.equals(t.RELATIONSHIP())) {
            return relationship(v.asRelationship());
        }
        if (type.equals(t.PATH())) {
            return path(v.asPath());
        }
        if (type.equals(t.BYTES())) {
            return typed("bytes", Base64.getEncoder().encodeToString(v.asByteArray()));
        }
        if (type.equals(t.POINT())) {
            var p = v.asPoint();
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("kind", "point");
            point.put("srid", p.srid());
            point.put("x", p.x());
            point.put("y", p.y());
            if (!Double.isNaN(p.z())) {
                point.put("z", p.z());
            }
            return point;
        }
        if (type.equals(t.DATE())) {
            return typed("date", v.asLocalDate().toString());
        }
        if (type.equals(t.TIME())) {
            return typed("time", v.asOffsetTime().toString());
        }
        if (type.equals(t.LOCAL_TIME())) {
            return typed("localTime", v.asLocalTime().toString());
        }
        if (type.equals(t.DATE_TIME())) {
            return typed("dateTime", v.asZonedDateTime().toString());
        }
        if (type.equals(t.LOCAL_DATE_TIME())) {
            return typed("localDateTime", v.asLocalDateTime().toString());
        }
        if (type.equals(t.DURATION())) {
            return typed("duration", v.asIsoDuration().toString());
        }
        return typed(type.name().toLowerCase(java.util.Locale.ROOT), v.toString());
    }

    static Map<String, Object> node(Node n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "node");
        out.put("elementId", n.elementId());
        out.put("id", n.get("id").isNull() ? null : json(n.get("id")));
        List<String> labels = new ArrayList<>();
        n.labels().forEach(labels::add);
        out.put("labels", labels);
        out.put("properties", map(n.asMap(CypherValues::json)));
        return out;
    }

    static Map<String, Object> relationship(Relationship r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "relationship");
        out.put("elementId", r.elementId());
        out.put("type", r.type());
        out.put("start", r.startNodeElementId());
        out.put("end", r.endNodeElementId());
        out.put("properties", map(r.asMap(CypherValues::json)));
        return out;
    }

    static Map<String, Object> path(Path p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "path");
        List<Object> nodes = new ArrayList<>();
        p.nodes().forEach(n -> nodes.add(node(n)));
        List<Object> relationships = new ArrayList<>();
        p.relationships().forEach(r -> relationships.add(relationship(r)));
        out.put("length", p.length());
        out.put("nodes", nodes);
        out.put("relationships", relationships);
        return out;
    }

    /** Sorted keys: the same answer reads the same every time. */
    private static Map<String, Object> map(Map<String, Object> values) {
        return new java.util.TreeMap<>(values);
    }

    private static Map<String, Object> typed(String kind, String value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.put("value", value);
        return out;
    }
}
