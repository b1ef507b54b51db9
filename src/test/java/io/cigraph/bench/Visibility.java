package io.cigraph.bench;

import io.cigraph.search.EntitySearch;
import io.cigraph.search.SearchRequest;
import java.time.Duration;
import java.util.Map;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2;
import org.neo4j.driver.Driver;

/** Waits until a resource can be found in all three stores: a search hit, a SPARQL ASK, a Cypher count. */
final class Visibility {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String ASK = """
            PREFIX res: <https://w3id.org/cigraph/id/>
            ASK { res:%s a ?class }""";

    private final EntitySearch search;
    private final DatasetGraph dataset;
    private final Driver driver;

    Visibility(EntitySearch search, DatasetGraph dataset, Driver driver) {
        this.search = search;
        this.dataset = dataset;
        this.driver = driver;
    }

    void await(String id, String label) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!(inSearch(id, label) && inRdf(id) && inGraph(id))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(id + " is not in every store " + LIMIT + " after its import");
            }
            Thread.sleep(5);
        }
    }

    private boolean inSearch(String id, String label) {
        return search.search(SearchRequest.of(label)).hits().stream().anyMatch(h -> h.id().equals(id));
    }

    private boolean inRdf(String id) {
        // A generated id, not user input.
        return Txn.calculateRead(dataset, () -> QueryExec.dataset(dataset).query(ASK.formatted(id))
                .set(TDB2.symUnionDefaultGraph, true).ask());
    }

    private boolean inGraph(String id) {
        return ScaleBenchmark.count(driver, "MATCH (n:Resource {id: $id}) RETURN count(n)", Map.of("id", id)) == 1;
    }
}
