package io.cigraph.graph;

import io.cigraph.graph.Views.EdgeView;
import io.cigraph.graph.Views.NodeRef;
import io.cigraph.graph.Views.PathView;
import io.cigraph.graph.Views.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Record;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;
import org.springframework.stereotype.Component;

/**
 * Shortest paths between two resources, in either direction along relations, with every node on
 * the way and the provenance of every edge. Public because the web feature asks it.
 */
@Component
public class PathQueries {

    static final int MAX_HOPS = 6;
    static final int MAX_PATHS = 100;
    // Hop and path counts are integers checked below: Cypher takes no parameters there.
    //
    // SHORTEST k searches outwards from its left end only, and its cost is the hubs within reach of
    // that end: at 100,000 entities a source whose observations cite a region of 10,000 relations
    // took 0.37-0.58 s from the source's side and 0.01 s from the region's, and ends with no path
    // between them cost the same from the wrong side. So the first query asks, with shortestPath's
    // bidirectional search (which expands the smaller side first), whether the ends are connected
    // at all, and compares the ends' relation counts. Its path is the answer when one path is asked
    // for (SHORTEST 1 finds one of the same length); else SHORTEST k runs only for connected ends,
    // from the end with more relations, and its paths are turned round when that end is `to`. No row
    // at all means an unknown end, which a last query names. The sources the edges cite (an
    // observation's link, its observation's) come after the paths.
    private static final String CONNECTED = """
            MATCH (a:Resource {id: $from}), (b:Resource {id: $to})
            OPTIONAL MATCH p = shortestPath((a)-[*..%d]-(b))%s
            RETURN p, COUNT { (a)--() } < COUNT { (b)--() } AS startAtTo
            """;
    private static final String ONLY_TYPES = "\n  WHERE all(hop IN relationships(p) WHERE type(hop) IN $types)";
    private static final String SHORTEST = """
            MATCH (a:Resource {id: $start}), (b:Resource {id: $end})
            MATCH p = SHORTEST %d (a)-[]-{1,%d}(b)
            RETURN p
            """;
    // Only through some relations: a strategist's way around hub technologies that connect everything.
    private static final String SHORTEST_TYPED = """
            MATCH (a:Resource {id: $start}), (b:Resource {id: $end})
            MATCH p = SHORTEST %d (a)(()-[hop]-() WHERE type(hop) IN $types){1,%d}(b)
            RETURN p
            """;

    private final GraphReads reads;

    PathQueries(GraphReads reads) {
        this.reads = reads;
    }

    /**
     * Up to {@code limit} shortest paths of at most {@code maxHops} relations, shortest first, only
     * through the {@code relations} named (their inverse names too) when any are.
     */
    public Paths paths(String from, String to, int maxHops, int limit, List<String> relations) {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw new InvalidQueryException(from == null || from.isBlank() ? "from" : "to",
                    "Give both ends of the path as ids: /api/paths?from=nearlink&to=huawei-watch-gt-4.");
        }
        if (from.equals(to)) {
            throw new InvalidQueryException("to", "from and to are the same resource; a path needs two different ends.");
        }
        if (maxHops < 1 || maxHops > MAX_HOPS) {
            throw new InvalidQueryException("maxHops", "maxHops must be between 1 and " + MAX_HOPS + "; it was " + maxHops + ".");
        }
        if (limit < 1 || limit > MAX_PATHS) {
            throw new InvalidQueryException("limit", "limit must be between 1 and " + MAX_PATHS + "; it was " + limit + ".");
        }
        List<String> types = reads.relationshipTypes(relations);
        String connectedQuery = CONNECTED.formatted(maxHops, types == null ? "" : ONLY_TYPES);
        String query = (types == null ? SHORTEST : SHORTEST_TYPED).formatted(limit, maxHops);
        Map<String, Object> params = new HashMap<>(Map.of("from", from, "to", to));
        params.put("types", types);
        return reads.read(tx -> {
            List<Record> ends = tx.run(connectedQuery, params).list();
            List<Path> found = new ArrayList<>();
            boolean connected = !ends.isEmpty() && !ends.getFirst().get("p").isNull();
            boolean startAtTo = connected && limit > 1 && ends.getFirst().get("startAtTo").asBoolean();
            if (connected && limit == 1) {
                found.add(ends.getFirst().get("p").asPath());
            } else if (connected) {
                Map<String, Object> shortest = new HashMap<>(params);
                shortest.put("start", startAtTo ? to : from);
                shortest.put("end", startAtTo ? from : to);
                tx.run(query, shortest).forEachRemaining(r -> found.add(r.get("p").asPath()));
            }
            if (ends.isEmpty()) {
                Set<String> present = new HashSet<>();
                tx.run("MATCH (n:Resource) WHERE n.id IN [$from, $to] RETURN n.id AS id", Map.of("from", from, "to", to))
                        .forEachRemaining(r -> present.add(r.get("id").asString()));
                for (String id : List.of(from, to)) {
                    if (!present.contains(id)) {
                        throw new UnknownResourceException(id);
                    }
                }
            }
            Map<String, String> ids = new HashMap<>();
            Map<String, String> observations = new HashMap<>();
            Map<String, Relationship> relationships = new LinkedHashMap<>();
            for (Path p : found) {
                p.nodes().forEach(n -> {
                    ids.put(n.elementId(), n.get("id").asString());
                    GraphReads.addDrawn(observations, n);
                });
                p.relationships().forEach(r -> relationships.put(r.elementId(), r));
            }
            Map<String, EdgeView> edges = new HashMap<>();
            reads.edges(tx, List.copyOf(relationships.values()), ids, observations).forEach(e -> edges.put(e.id(), e));
            List<PathView> paths = new ArrayList<>();
            for (Path p : found) {
                List<NodeRef> pathNodes = new ArrayList<>();
                p.nodes().forEach(n -> pathNodes.add(reads.nodeRef(n)));
                List<EdgeView> pathEdges = new ArrayList<>();
                p.relationships().forEach(r -> pathEdges.add(edges.get(r.elementId())));
                if (startAtTo) {
                    Collections.reverse(pathNodes);
                    Collections.reverse(pathEdges);
                }
                paths.add(new PathView(p.length(), pathNodes, pathEdges));
            }
            return new Paths(from, to, maxHops, paths);
        });
    }

}
