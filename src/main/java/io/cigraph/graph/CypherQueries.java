package io.cigraph.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Query;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.summary.QueryType;
import org.neo4j.driver.summary.ResultSummary;
import org.springframework.stereotype.Component;

/**
 * Researchers' own Cypher, read-only. Two locks: the planner's verdict first ({@code EXPLAIN}
 * without running anything: only {@link QueryType#READ_ONLY} queries pass, and none that loads
 * files or URLs), then a READ-mode transaction, in which Neo4j itself refuses to write. Every
 * query has a timeout and a row cap. Public because the web feature serves it.
 */
@Component
public class CypherQueries {

    /**
     * Plan operators that Neo4j runs in a read transaction yet reach outside the graph's data:
     * files and URLs, and other sessions' transactions.
     */
    private static final Set<String> OUTSIDE = Set.of("LoadCSV", "TerminateTransactions");

    /** Columns, rows in column order with typed values, and whether rows were cut at the cap. */
    public record CypherResult(List<String> columns, List<List<Object>> rows, boolean truncated) {
    }

    private final Driver driver;
    private final GraphProperties.Cypher settings;

    CypherQueries(Driver driver, GraphProperties properties) {
        this.driver = driver;
        this.settings = properties.cypher();
    }

    /**
     * Runs a read query.
     *
     * @param timeout a shorter timeout than the configured one, or {@code null}
     * @throws InvalidQueryException      when the query is blank
     * @throws ReadOnlyViolationException when it would write or read outside the graph
     */
    public CypherResult run(String cypher, Map<String, Object> parameters, Duration timeout) {
        if (cypher == null || cypher.isBlank()) {
            throw new InvalidQueryException("query", "Send a Cypher query in 'query', such as MATCH (n:Vendor) RETURN n.");
        }
        Map<String, Object> params = parameters == null ? Map.of() : parameters;
        TransactionConfig config = TransactionConfig.builder().withTimeout(effectiveTimeout(settings.timeout(), timeout)).build();
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(tx -> {
                ResultSummary plan = tx.run(new Query("EXPLAIN " + cypher, params)).consume();
                check(plan.queryType(), plan.plan());
                Result result = tx.run(new Query(cypher, params));
                List<String> columns = result.keys();
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (result.hasNext()) {
                    if (rows.size() == settings.maxRows()) {
                        truncated = true;
                        break;
                    }
                    Record r = result.next();
                    List<Object> row = new ArrayList<>(columns.size());
                    r.values().forEach(v -> row.add(CypherValues.json(v)));
                    rows.add(row);
                }
                return new CypherResult(columns, rows, truncated);
            }, config);
        }
    }

    /** The configured timeout, or the caller's if it is positive and shorter. */
    static Duration effectiveTimeout(Duration configured, Duration requested) {
        return requested != null && requested.isPositive() && requested.compareTo(configured) < 0 ? requested : configured;
    }

    private static void check(QueryType type, Plan plan) {
        if (type != QueryType.READ_ONLY) {
            throw new ReadOnlyViolationException(String.valueOf(type), "This endpoint only reads: Neo4j plans this query as "
                    + type + ". CREATE, MERGE, SET, REMOVE, DELETE, schema commands and write procedures are refused; "
                    + "the graph changes only through imports (POST /api/imports).");
        }
        String outside = plan == null ? null : outside(plan);
        if (outside != null) {
            throw new ReadOnlyViolationException(String.valueOf(type), "This endpoint only reads the graph: " + outside
                    + " is refused (LOAD CSV, TERMINATE TRANSACTIONS and dbms.* procedures reach beyond it).");
        }
    }

    /** The first operator of the plan that reaches beyond the graph's data, or {@code null}. */
    private static String outside(Plan plan) {
        String operator = plan.operatorType().replaceAll("@.*", "");
        if (OUTSIDE.contains(operator)) {
            return operator;
        }
        var details = plan.arguments().get("Details");
        if (operator.equals("ProcedureCall") && details != null && details.toString().contains("dbms.")) {
            return details.toString();
        }
        return plan.children().stream().map(CypherQueries::outside).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }
}
