package io.cigraph.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Query;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.summary.ResultSummary;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Researchers' own Cypher, read-only. Three locks: the text is checked before Neo4j parses it, the
 * planner's verdict ({@code EXPLAIN}, nothing run) must be a read using only allowed procedures and
 * commands ({@link CypherGuard}; remembered per text by {@link ReadVerdicts}, which saves a round
 * trip when a question is asked again), and the query runs in a READ-mode transaction, in which Neo4j
 * itself refuses to write. Every query has a timeout, which Neo4j enforces, and a watchdog for what
 * Neo4j does not stop in time; and a row cap. Public because the web feature serves it.
 */
@Component
public class CypherQueries implements DisposableBean {

    /**
     * How long after its timeout a query is left before its connections are closed: Neo4j stops
     * most queries at the timeout itself, and its answer (a timeout error) is the better one.
     */
    static final Duration GRACE = Duration.ofSeconds(2);
    private static final String PREFIX = "EXPLAIN ";
    /** Characters of query text whose read-only verdict is remembered (a few MB of heap at most). */
    private static final long VERDICT_CHARS = 1_000_000;
    private static final Pattern POSITION = Pattern.compile("\\(line (\\d+), column (\\d+) \\(offset: (\\d+)\\)\\)");

    /** Columns, rows in column order with typed values, and whether rows were cut at the cap. */
    public record CypherResult(List<String> columns, List<List<Object>> rows, boolean truncated) {
    }

    private final CypherConnections connections;
    private final Driver service;
    private final AtomicInteger runaways = new AtomicInteger();
    private final GraphProperties.Cypher settings;
    private final CypherGuard guard;
    private final ReadVerdicts verdicts = new ReadVerdicts(VERDICT_CHARS);
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cypher-watchdog").daemon().factory());

    CypherQueries(CypherConnections connections, Driver service, GraphProperties properties) {
        this.connections = connections;
        this.service = service;
        this.settings = properties.cypher();
        this.guard = new CypherGuard(settings.maxLength(), settings.maxDepth());
    }

    /**
     * Runs a read query.
     *
     * @param timeout a shorter timeout than the configured one, or {@code null}
     * @throws InvalidQueryException      when the query is blank
     * @throws CypherSyntaxException      when it is too long, too deeply nested or not Cypher
     * @throws ReadOnlyViolationException when it would write, or do more than read the graph
     * @throws QueryTimeoutException      when it ran past its timeout
     */
    public CypherResult run(String cypher, Map<String, Object> parameters, Duration timeout) {
        if (cypher == null || cypher.isBlank()) {
            throw new InvalidQueryException("query", "Send a Cypher query in 'query', such as MATCH (n:Vendor) RETURN n.");
        }
        guard.checkText(cypher);
        refuseWhileRunawaysRun();
        Map<String, Object> params = parameters == null ? Map.of() : parameters;
        Duration limit = effectiveTimeout(settings.timeout(), timeout);
        TransactionConfig config = TransactionConfig.builder().withTimeout(limit).build();
        Driver driver = connections.driver();
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            fired.set(true);
            runaways.incrementAndGet();
            connections.recycle(driver);
        }, limit.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        // Auto-commit statements, not a managed transaction: the driver would retry a query whose
        // connections the watchdog closed, and run the runaway again. One exchange each (no BEGIN
        // and no ROLLBACK round trips), in a READ-mode session, which Neo4j holds to reading.
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            if (!verdicts.passed(cypher)) {
                ResultSummary plan = explain(session, cypher, params, config);
                guard.checkPlan(plan.queryType(), plan.plan());
                verdicts.pass(cypher);
            }
            Result result = session.run(new Query(cypher, params), config);
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
        } catch (RuntimeException e) {
            if (fired.get()) {
                throw new QueryTimeoutException(limit, "The query ran longer than its timeout of " + limit.toMillis()
                        + " ms and was stopped: make it lighter (fewer rows, narrower patterns, smaller ranges).", e);
            }
            throw e;
        } finally {
            alarm.cancel(false);
        }
    }

    /**
     * Refuses new queries while as many runaways as allowed are still computing in Neo4j: each one
     * keeps a core busy until its expression ends, which Neo4j does not cut short, so that more of
     * them would take the whole machine. Asks Neo4j only once a runaway has been seen.
     */
    private void refuseWhileRunawaysRun() {
        if (runaways.get() == 0) {
            return;
        }
        long running;
        try (Session session = service.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            running = session.run("""
                    SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Terminated' RETURN count(*) AS running
                    """).single().get("running").asLong();
        }
        if (running == 0) {
            runaways.set(0);
        } else if (running >= settings.maxRunaways()) {
            throw new QueryTimeoutException(settings.timeout(), running + " earlier Cypher queries ran past their timeout "
                    + "and are still computing in the graph database, which does not stop a long expression. New Cypher "
                    + "queries are refused until they end (or the service restarts).", null);
        }
    }

    private static ResultSummary explain(Session session, String cypher, Map<String, Object> params, TransactionConfig config) {
        try {
            return session.run(new Query(PREFIX + cypher, params), config).consume();
        } catch (Neo4jException e) {
            throw inUserText(e, cypher);
        }
    }

    /**
     * Neo4j's complaint about the {@code EXPLAIN} statement, told about the caller's text: the
     * position moved back over the prefix and the caller's own line quoted under it. Complaints
     * without a position (and those not about the statement) pass as they are.
     */
    static RuntimeException inUserText(Neo4jException e, String cypher) {
        String message = String.valueOf(e.getMessage());
        int[] position = position(e, message);
        if (position == null || !String.valueOf(e.code()).startsWith("Neo.ClientError.Statement.")) {
            return e;
        }
        int line = position[0];
        int column = line == 1 ? position[1] - PREFIX.length() : position[1];
        if (column < 1) {
            return e;
        }
        // Neo4j quotes the statement's line on a line of its own, after what it says about it.
        String about = message.lines().takeWhile(l -> !l.startsWith("\"")).map(String::strip)
                .reduce((a, b) -> a + " " + b).orElse(message)
                .replace(POSITION.matcher(message).results().findFirst().map(r -> r.group()).orElse("\0"),
                        "(line " + line + ", column " + column + ")");
        String quoted = cypher.lines().skip(line - 1).findFirst().orElse("");
        String detail = about + "\n\"" + quoted + "\"\n" + " ".repeat(column) + "^";
        return new CypherSyntaxException(detail, line, column, e.code());
    }

    /** Line and column (from 1) of Neo4j's diagnostic record, or of its message, or {@code null}. */
    private static int[] position(Neo4jException e, String message) {
        Value p = e.diagnosticRecord() == null ? null : e.diagnosticRecord().get("_position");
        if (p != null && !p.isNull() && p.containsKey("line") && p.containsKey("column")) {
            return new int[] {p.get("line").asInt(), p.get("column").asInt()};
        }
        Matcher m = POSITION.matcher(message);
        return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }

    /** The configured timeout, or the caller's if it is positive and shorter. */
    static Duration effectiveTimeout(Duration configured, Duration requested) {
        return requested != null && requested.isPositive() && requested.compareTo(configured) < 0 ? requested : configured;
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
    }
}
