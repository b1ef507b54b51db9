package io.cigraph.graph;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;

/**
 * GraphML as graph tools (Gephi, yEd, networkx, igraph) read it: every node property its own
 * typed key ({@code long}, {@code double}, {@code boolean}, or {@code string} for text, dates
 * and lists), aliases one key per language, relationships' properties likewise, names graph tools
 * reserve renamed (see {@link ExportValues}). The keys are declared from a first pass over what
 * the exported nodes and relations hold, then the graph is streamed a page at a time.
 */
final class GraphMlWriter {

    private final ExportPages pages;
    private final GraphReads reads;

    GraphMlWriter(ExportPages pages, GraphReads reads) {
        this.pages = pages;
        this.reads = reads;
    }

    void write(OutputStream out) {
        Map<String, String> nodeKeys = new TreeMap<>(pages.nodeKeys());
        nodeKeys.keySet().removeAll(ExportValues.NODE_INTERNAL);
        List<String> languages = pages.aliasLanguages();
        Map<String, String> edgeKeys = new TreeMap<>(pages.edgeKeys());
        edgeKeys.keySet().removeAll(ExportValues.EDGE_INTERNAL);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("graphml");
            xml.writeDefaultNamespace("http://graphml.graphdrawing.org/xmlns");
            for (var key : nodeKeys.entrySet()) {
                key(xml, "node", key.getKey(), key.getValue());
            }
            for (String language : languages) {
                key(xml, "node", ExportValues.aliasField(language), "string");
            }
            key(xml, "edge", "relationshipType", "string");
            key(xml, "edge", "predicate", "string");
            for (var key : edgeKeys.entrySet()) {
                key(xml, "edge", key.getKey(), key.getValue());
            }
            xml.writeStartElement("graph");
            xml.writeAttribute("id", "cigraph");
            xml.writeAttribute("edgedefault", "directed");
            pages.forEachPage(nodes -> xml(() -> {
                for (Node n : nodes) {
                    xml.writeStartElement("node");
                    xml.writeAttribute("id", n.get("id").asString());
                    for (String key : nodeKeys.keySet()) {
                        data(xml, "node", key, ExportValues.text(n.get(key)));
                    }
                    for (var aliases : ExportValues.aliases(n).entrySet()) {
                        data(xml, "node", ExportValues.aliasField(aliases.getKey()), aliases.getValue());
                    }
                    xml.writeEndElement();
                }
            }), r -> xml(() -> {
                Relationship rel = r.get("r").asRelationship();
                xml.writeStartElement("edge");
                xml.writeAttribute("source", r.get("s").asString());
                xml.writeAttribute("target", r.get("o").asString());
                data(xml, "edge", "relationshipType", rel.type());
                data(xml, "edge", "predicate", reads.predicateOf(rel.type()));
                for (String key : edgeKeys.keySet()) {
                    Value v = rel.get(key);
                    data(xml, "edge", key, ExportValues.text(v));
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

    private static void key(XMLStreamWriter xml, String domain, String property, String type) throws XMLStreamException {
        xml.writeEmptyElement("key");
        xml.writeAttribute("id", domain + "." + property);
        xml.writeAttribute("for", domain);
        xml.writeAttribute("attr.name", ExportValues.graphName(property));
        xml.writeAttribute("attr.type", type);
    }

    private static void data(XMLStreamWriter xml, String domain, String property, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeStartElement("data");
            xml.writeAttribute("key", domain + "." + property);
            xml.writeCharacters(value);
            xml.writeEndElement();
        }
    }
}
