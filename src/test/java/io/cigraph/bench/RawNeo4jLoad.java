package io.cigraph.bench;

import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyProperty;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDF;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * The raw baseline: the same records written by the driver alone into an empty in-process Neo4j,
 * as a hand-written loader would: {@code UNWIND} batches of 10,000 rows, {@code MERGE} on the
 * unique id, static labels and relationship types per statement. Parsing is done up front and
 * not timed, so the figure is the store's own write rate over Bolt.
 */
final class RawNeo4jLoad {

    private static final int BATCH = 10_000;

    private RawNeo4jLoad() {
    }

    /** Seconds the writes took, and the CPU seconds this process (server and driver) spent on them. */
    record Result(double seconds, double cpuSeconds) {
    }

    /** Loads the files; parsing is not timed. */
    static Result load(List<Path> files, Path dir) throws Exception {
        Ontology ontology = Ontology.load(Path.of("ontology"), "https://w3id.org/cigraph/id/", "https://w3id.org/cigraph/ontology#");
        Map<String, List<Map<String, Object>>> nodesByLabels = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> relationsByType = new LinkedHashMap<>();
        for (Path file : files) {
            collect(RDFParser.source(file).toGraph(), ontology, nodesByLabels, relationsByType);
        }
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dir.toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                .build();
        try {
            var db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            int port = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT).getPort();
            try (Driver driver = ScaleBenchmark.connect(URI.create("bolt://127.0.0.1:" + port));
                 Session session = driver.session()) {
                session.run("CREATE CONSTRAINT resource_id IF NOT EXISTS FOR (n:Resource) REQUIRE n.id IS UNIQUE").consume();
                session.run("CALL db.awaitIndexes(300)").consume();
                long start = System.nanoTime();
                long cpu = CpuTime.nanos();
                nodesByLabels.forEach((labels, rows) -> write(session,
                        "UNWIND $rows AS row MERGE (n:Resource {id: row.id}) SET n += row.props, n" + labels, rows));
                relationsByType.forEach((type, rows) -> write(session, """
                        UNWIND $rows AS row
                        MATCH (a:Resource {id: row.s}) MATCH (b:Resource {id: row.o})
                        MERGE (a)-[r:%s]->(b) SET r += row.props""".formatted(type), rows));
                return new Result((System.nanoTime() - start) / 1e9, (CpuTime.nanos() - cpu) / 1e9);
            }
        } finally {
            dbms.shutdown();
        }
    }

    private static void write(Session session, String query, List<Map<String, Object>> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            session.executeWrite(tx -> tx.run(query, Map.of("rows", batch)).consume());
        }
    }

    private static void collect(Graph g, Ontology ontology, Map<String, List<Map<String, Object>>> nodes,
                                Map<String, List<Map<String, Object>>> relations) {
        Node reifies = org.apache.jena.graph.NodeFactory.createURI(RDF.getURI() + "reifies");
        Map<Triple, Map<String, Object>> annotations = new HashMap<>();
        g.find(Node.ANY, reifies, Node.ANY).forEach(t -> {
            Map<String, Object> props = new HashMap<>();
            g.find(t.getSubject(), Node.ANY, Node.ANY).forEach(a -> {
                if (!a.getPredicate().equals(reifies)) {
                    Node o = a.getObject();
                    props.put(a.getPredicate().getLocalName(), o.isURI() ? ontology.idOf(o.getURI()) : o.getLiteralValue().toString());
                }
            });
            annotations.put(t.getObject().getTriple(), props);
        });
        Map<Node, Map<String, Object>> props = new LinkedHashMap<>();
        Map<Node, List<String>> types = new HashMap<>();
        g.find().forEach(t -> {
            if (!t.getSubject().isURI()) {
                return;
            }
            String term = ontology.termOf(t.getPredicate().getURI());
            OntologyProperty p = term == null ? null : ontology.findProperty(term).orElse(null);
            Map<String, Object> row = props.computeIfAbsent(t.getSubject(), s -> new HashMap<>(Map.of("id", ontology.idOf(s.getURI()))));
            if (t.getPredicate().equals(RDF.Nodes.type)) {
                types.computeIfAbsent(t.getSubject(), s -> new ArrayList<>()).add(ontology.termOf(t.getObject().getURI()));
            } else if (p != null && p.objectProperty()) {
                boolean forward = p.forward();
                OntologyProperty f = forward ? p : ontology.findProperty(p.inverse()).orElseThrow();
                String s = ontology.idOf((forward ? t.getSubject() : t.getObject()).getURI());
                String o = ontology.idOf((forward ? t.getObject() : t.getSubject()).getURI());
                relations.computeIfAbsent(f.relationshipType(), k -> new ArrayList<>()).add(Map.of("s", s, "o", o,
                        "props", annotations.getOrDefault(t, Map.of())));
            } else if (t.getObject().isLiteral()) {
                row.put(term != null ? term : t.getPredicate().getLocalName(), t.getObject().getLiteralLexicalForm());
            }
        });
        props.forEach((subject, row) -> {
            String labels = ":" + String.join(":", ontology.withSuperclasses(types.getOrDefault(subject, List.of())));
            nodes.computeIfAbsent(labels.equals(":") ? ":Resource" : labels + ":Resource", k -> new ArrayList<>())
                    .add(Map.of("id", row.get("id"), "props", row));
        });
    }
}
