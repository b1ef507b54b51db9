package io.cigraph.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The property graph as files for other tools: GraphML (nodes with their labels and properties,
 * edges with their provenance as attributes) and CSV (one row per node and per relation, the
 * provenance in columns). Both are written page by page, a thousand nodes at a time, straight to
 * the output, so a large graph never sits in memory. Public because the web feature serves it.
 */
@Component
public class GraphExport {

    static final int PAGE = 1000;
    static final int MAX_DEPTH = 3;
    private static final List<String> EDGE_ATTRIBUTES = List.of("type", "predicate", "source", "evidence", "confidence",
            "validFrom", "validTo");
    private static final List<String> CSV_COLUMNS = List.of("kind", "id", "label", "types", "subject", "predicate", "object",
            "source", "evidence", "confidence", "validFrom", "validTo");

    private static final String NODES = """
            MATCH (n:Resource) WHERE n.id > $after AND ($ids IS NULL OR n.id IN $ids)
            RETURN n ORDER BY n.id LIMIT $page
            """;
    private static final String EDGES = """
            MATCH (a:Resource)-[r]->(b:Resource)
            WHERE a.id IN $from AND ($ids IS NULL OR b.id IN $ids)
            RETURN a.id AS s, type(r) AS type, b.id AS o, r ORDER BY s, type, o
            """;
    private static final String NEIGHBOURS = """
            MATCH (n:Resource)--(m:Resource) WHERE n.id IN $frontier RETURN DISTINCT m.id AS id
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Driver driver;
    private final GraphReads reads;

    GraphExport(Driver driver, GraphReads reads) {
        this.driver = driver;
        this.reads = reads;
    }

    /**
     * The ids of the resources at most {@code depth} relations from {@code root}, either direction.
     *
     * @throws UnknownResourceException when no resource has the id {@code root}
     * @throws InvalidQueryException    when depth is outside 0 to 3
     */
    public Set<String> neighbourhood(String root, int depth) {
        if (depth < 0 || depth > MAX_DEPTH) {
            throw new InvalidQueryException("depth", "depth goes from 0 (the root alone) to " + MAX_DEPTH + ".");
        }
        return reads.read(tx -> {
            if (tx.run("MATCH (n:Resource {id: $id}) RETURN count(n) AS c", Map.of("id", root)).single().get("c").asLong() == 0) {
                throw new UnknownResourceException(root);
            }
            Set<String> seen = new LinkedHashSet<>(List.of(root));
            List<String> frontier = List.of(root);
            for (int d = 0; d < depth && !frontier.isEmpty(); d++) {
                List<String> next = new ArrayList<>();
                tx.run(NEIGHBOURS, Map.of("frontier", frontier)).forEachRemaining(r -> {
                    if (seen.add(r.get("id").asString())) {
                        next.add(r.get("id").asString());
                    }
                });
                frontier = next;
            }
            return seen;
        });
    }

    /** GraphML of the whole graph, or of the resources with the given ids ({@code null}: all). */
    public void graphml(OutputStream out, Set<String> ids) {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("graphml");
            xml.writeDefaultNamespace("http://graphml.graphdrawing.org/xmlns");
            for (String key : List.of("labels", "label", "description", "iri", "properties")) {
                key(xml, "node", key, "string");
            }
            for (String key : EDGE_ATTRIBUTES) {
                key(xml, "edge", key, "confidence".equals(key) ? "double" : "string");
            }
            xml.writeStartElement("graph");
            xml.writeAttribute("id", "cigraph");
            xml.writeAttribute("edgedefault", "directed");
            forEachPage(ids, nodes -> xml(() -> {
                for (Node n : nodes) {
                    xml.writeStartElement("node");
                    xml.writeAttribute("id", n.get("id").asString());
                    data(xml, "node", "labels", String.join(":", n.labels()));
                    data(xml, "node", "label", n.get("label").asString(null));
                    data(xml, "node", "description", n.get("description").asString(null));
                    data(xml, "node", "iri", n.get("iri").asString(null));
                    data(xml, "node", "properties", otherProperties(n));
                    xml.writeEndElement();
                }
            }), r -> xml(() -> {
                var rel = r.get("r").asRelationship();
                xml.writeStartElement("edge");
                xml.writeAttribute("source", r.get("s").asString());
                xml.writeAttribute("target", r.get("o").asString());
                data(xml, "edge", "type", rel.type());
                data(xml, "edge", "predicate", reads.predicateOf(rel.type()));
                for (String key : EDGE_ATTRIBUTES.subList(2, EDGE_ATTRIBUTES.size())) {
                    data(xml, "edge", key, text(rel.get(key)));
                }
                xml.writeEndElement();
            }));
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write GraphML", e);
        }
    }

    private interface XmlWrite {
        void run() throws XMLStreamException;
    }

    private static void xml(XmlWrite write) {
        try {
            write.run();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write GraphML", e);
        }
    }

    /** One CSV row per node, then per relation of that page, provenance in its own columns. */
    public void csv(OutputStream out, Set<String> ids) {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get().print(writer)) {
            forEachPage(ids, nodes -> {
                for (Node n : nodes) {
                    print(csv, "node", n.get("id").asString(), n.get("label").asString(null),
                            String.join(";", n.get("types").asList(Value::asString)), null, null, null, null, null, null, null, null);
                }
            }, r -> {
                var rel = r.get("r").asRelationship();
                print(csv, "relation", null, null, null, r.get("s").asString(), reads.predicateOf(r.get("type").asString()),
                        r.get("o").asString(), text(rel.get("source")), text(rel.get("evidence")), text(rel.get("confidence")),
                        text(rel.get("validFrom")), text(rel.get("validTo")));
            });
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pages of nodes in id order, each followed by the outgoing relations of its nodes (to nodes in
     * the set); GraphML allows edges before the nodes they point to.
     */
    private void forEachPage(Set<String> ids, Consumer<List<Node>> nodes, Consumer<Record> relations) {
        List<String> idList = ids == null ? null : List.copyOf(ids);
        String after = "";
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            while (true) {
                Map<String, Object> params = new HashMap<>();
                params.put("after", after);
                params.put("ids", idList);
                params.put("page", PAGE);
                List<Node> page = session.executeRead(tx -> tx.run(NODES, params).list(r -> r.get("n").asNode()));
                if (page.isEmpty()) {
                    return;
                }
                nodes.accept(page);
                Map<String, Object> edgeParams = new HashMap<>();
                edgeParams.put("from", page.stream().map(n -> n.get("id").asString()).toList());
                edgeParams.put("ids", idList);
                session.executeRead(tx -> tx.run(EDGES, edgeParams).list()).forEach(relations);
                after = page.getLast().get("id").asString();
            }
        }
    }

    private static String otherProperties(Node n) {
        Map<String, Object> props = new java.util.TreeMap<>(n.asMap(CypherValues::json));
        props.keySet().removeAll(List.of("id", "iri", "label", "description", "batch", "claims", "batches"));
        return JSON.writeValueAsString(props);
    }

    private static String text(Value v) {
        return v == null || v.isNull() ? null : v.type().name().equals("STRING") ? v.asString() : v.asObject().toString();
    }

    private static void print(CSVPrinter csv, Object... values) {
        try {
            csv.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void key(XMLStreamWriter xml, String domain, String name, String type) throws XMLStreamException {
        xml.writeEmptyElement("key");
        xml.writeAttribute("id", domain + "." + name);
        xml.writeAttribute("for", domain);
        xml.writeAttribute("attr.name", name);
        xml.writeAttribute("attr.type", type);
    }

    private static void data(XMLStreamWriter xml, String domain, String key, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeStartElement("data");
            xml.writeAttribute("key", domain + "." + key);
            xml.writeCharacters(value);
            xml.writeEndElement();
        }
    }
}
