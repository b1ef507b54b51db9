package io.cigraph.graph;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Component;

/**
 * The property graph as files for other tools: GraphML ({@link GraphMlWriter}: typed keys per
 * property, provenance as edge attributes) and CSV ({@link CsvWriter}: a file of nodes and one of
 * relations, the provenance in columns). Both are written page by page, a thousand nodes at a
 * time, straight to the output, so a large graph never sits in memory. Public because the web
 * feature serves it.
 */
@Component
public class GraphExport {

    static final int MAX_DEPTH = 3;

    private static final String NEIGHBOURS = """
            MATCH (n:Resource)--(m:Resource) WHERE n.id IN $frontier RETURN DISTINCT m.id AS id
            """;

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
        new GraphMlWriter(new ExportPages(driver, ids), reads).write(out);
    }

    /**
     * A zip of {@code nodes.csv} and {@code relations.csv} (see {@link #csvNodes} and {@link #csvRelations}),
     * each with the spreadsheet mapping that imports it back ({@code nodes.mapping.yaml}, {@code relations.mapping.yaml}).
     */
    public void csvZip(OutputStream out, Set<String> ids) {
        new CsvWriter(new ExportPages(driver, ids), reads).zip(out);
    }

    /** One CSV row per node: id, label, types, description, aliases per language, literal properties. */
    public void csvNodes(OutputStream out, Set<String> ids) {
        new CsvWriter(new ExportPages(driver, ids), reads).nodes(out);
    }

    /** One CSV row per relation: subject, predicate, object and its provenance. */
    public void csvRelations(OutputStream out, Set<String> ids) {
        new CsvWriter(new ExportPages(driver, ids), reads).relations(out);
    }
}
