package io.cigraph.graph;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.summary.QueryType;

/**
 * What a researcher's Cypher may do, decided twice: on the text before Neo4j sees it (length and
 * bracket depth, since Neo4j's parser spends minutes on a few hundred nested parentheses and holds
 * a connection meanwhile), then on Neo4j's own plan of it ({@code EXPLAIN}). The plan is the
 * statement as Neo4j understood it, so case, spacing, comments and backticks cannot disguise a
 * procedure or a command there. Procedures and commands pass only when they are on the allow list:
 * what a reader needs to learn the schema. Everything else must be planned as read-only.
 */
final class CypherGuard {

    /** Procedures that describe the graph's schema and nothing of the server. */
    static final Set<String> PROCEDURES = Set.of("db.labels", "db.relationshipTypes", "db.propertyKeys",
            "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties");

    /** Commands (plan operators of their own) that show the schema: index and constraint definitions. */
    static final Set<String> COMMANDS = Set.of("ShowIndexes", "ShowConstraints");

    /**
     * Plan operators that are commands, or that reach beyond the graph's data (files, URLs, other
     * transactions, transactions of their own), recognised by their names' families so that a new
     * command of an existing family is refused too.
     */
    private static final Pattern COMMAND = Pattern.compile(
            "Show.*|Terminate.*|Administration.*|Alter.*|Create.*|Drop.*|DoNothingIfExists.*|Transaction.*|LoadCSV"
                    + "|RunQueryAt|Remote.*|SystemProcedureCall|.*Command.*");

    private static final String ALLOWED = "Allowed: MATCH ... RETURN queries with any function, CALL "
            + String.join(", ", new TreeSet<>(PROCEDURES)) + ", SHOW INDEXES and SHOW CONSTRAINTS.";

    private final int maxLength;
    private final int maxDepth;

    CypherGuard(int maxLength, int maxDepth) {
        this.maxLength = maxLength;
        this.maxDepth = maxDepth;
    }

    /**
     * Refuses a text too long or nested too deep for Neo4j's parser to be worth the wait, naming
     * where: the first character beyond the length, or the bracket that goes one level too deep.
     * Brackets inside strings, quoted names and comments do not count.
     *
     * @throws CypherSyntaxException with the line and column (both from 1)
     */
    void checkText(String cypher) {
        if (cypher.length() > maxLength) {
            throw refusal(cypher, maxLength, "The query is longer than " + maxLength + " characters (it has "
                    + cypher.length() + "): shorten it, for example by passing values as parameters.");
        }
        int depth = 0;
        for (int i = 0; i < cypher.length(); i++) {
            char c = cypher.charAt(i);
            char next = i + 1 < cypher.length() ? cypher.charAt(i + 1) : 0;
            if (c == '\'' || c == '"' || c == '`') {
                i = closing(cypher, i, c);
            } else if (c == '/' && next == '/') {
                int end = cypher.indexOf('\n', i);
                i = end < 0 ? cypher.length() : end;
            } else if (c == '/' && next == '*') {
                int end = cypher.indexOf("*/", i + 2);
                i = end < 0 ? cypher.length() : end + 1;
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > maxDepth) {
                    throw refusal(cypher, i, "The query nests brackets more than " + maxDepth + " levels deep here: "
                            + "flatten the expression (WITH steps, list functions) or pass values as parameters.");
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            }
        }
    }

    /** A refusal at the character {@code index} of the text, by line and column from 1. */
    private static CypherSyntaxException refusal(String text, int index, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new CypherSyntaxException(message, line, index - lineStart + 1, null);
    }

    /** Index of the quote closing the one at {@code start} (a backslash escapes in strings, doubling in names). */
    private static int closing(String text, int start, char quote) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                if (quote == '`' && i + 1 < text.length() && text.charAt(i + 1) == '`') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return text.length() - 1;
    }

    /**
     * Refuses what Neo4j plans as more than a read, and any procedure or command off the allow list.
     *
     * @throws ReadOnlyViolationException naming what was refused and what is allowed
     */
    void checkPlan(QueryType type, Plan plan) {
        String refused = plan == null ? null : refused(plan);
        if (refused != null) {
            throw new ReadOnlyViolationException(String.valueOf(type), "This endpoint only reads the graph: "
                    + refused + " is refused. " + ALLOWED);
        }
        if (type != QueryType.READ_ONLY) {
            throw new ReadOnlyViolationException(String.valueOf(type), "This endpoint only reads: Neo4j plans this query as "
                    + type + ". CREATE, MERGE, SET, REMOVE, DELETE, schema commands and write procedures are refused; "
                    + "the graph changes only through imports (POST /api/imports).");
        }
    }

    /** What in the plan is neither a read nor on the allow list, or {@code null}. */
    static String refused(Plan plan) {
        String operator = plan.operatorType().replaceAll("@.*", "");
        if (operator.equals("ProcedureCall")) {
            String procedure = procedure(plan);
            if (!PROCEDURES.contains(procedure)) {
                return "the procedure " + procedure;
            }
        } else if (COMMAND.matcher(operator).matches() && !COMMANDS.contains(operator)) {
            return operator.startsWith("Transaction") ? "CALL { ... } IN TRANSACTIONS (it commits transactions of its own)"
                    : operator.equals("LoadCSV") ? "LOAD CSV" : operator.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toUpperCase(Locale.ROOT);
        }
        for (Plan child : plan.children()) {
            String r = refused(child);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** The procedure's name as Neo4j resolved it ({@code db.labels() :: (label :: STRING)}), without backticks. */
    private static String procedure(Plan plan) {
        var details = plan.arguments().get("Details");
        String text = details == null ? "" : details.asString();
        int paren = text.indexOf('(');
        return (paren < 0 ? text : text.substring(0, paren)).replace("`", "").strip();
    }
}
