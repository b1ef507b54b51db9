package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cigraph.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.ClientException;
import tools.jackson.databind.JsonNode;

class CypherIT extends IntegrationTest {

    private Response cypher(String query, Map<String, Object> parameters, Long timeoutMillis) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("query", query);
        body.put("parameters", parameters);
        body.put("timeoutMillis", timeoutMillis);
        return post("/api/cypher", "application/json", JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void answersWithTypedNodesRelationshipsPathsAndValuesWithoutAnApiKey() {
        Response r = cypher("""
                MATCH p = (v:Vendor {id: $vendor})-[d:DEVELOPS]->(t {id: 'nearlink'})
                RETURN v, d, p, date('2023-10-20') AS day, duration('P1M2D') AS span, [1, 'two', 3.5] AS list,
                       {k: true} AS map, null AS nothing
                """, Map.of("vendor", "huawei"), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("columns").toString()).isEqualTo("[\"v\",\"d\",\"p\",\"day\",\"span\",\"list\",\"map\",\"nothing\"]");
        assertThat(r.json().get("truncated").asBoolean()).isFalse();
        JsonNode row = r.json().get("rows").get(0);
        JsonNode vendor = row.get(0);
        assertThat(vendor.get("kind").asString()).isEqualTo("node");
        assertThat(vendor.get("id").asString()).isEqualTo("huawei");
        assertThat(vendor.get("labels").toString()).contains("Vendor", "Organization", "Resource");
        assertThat(vendor.get("properties").get("label").asString()).isEqualTo("Huawei");
        JsonNode develops = row.get(1);
        assertThat(develops.get("kind").asString()).isEqualTo("relationship");
        assertThat(develops.get("type").asString()).isEqualTo("DEVELOPS");
        assertThat(develops.get("start").asString()).isEqualTo(vendor.get("elementId").asString());
        assertThat(develops.get("properties").get("source").asString()).startsWith("huawei-has-established");
        JsonNode path = row.get(2);
        assertThat(path.get("kind").asString()).isEqualTo("path");
        assertThat(path.get("length").asInt()).isEqualTo(1);
        assertThat(path.get("nodes")).hasSize(2);
        assertThat(row.get(3).toString()).isEqualTo("{\"kind\":\"date\",\"value\":\"2023-10-20\"}");
        assertThat(row.get(4).get("kind").asString()).isEqualTo("duration");
        assertThat(row.get(4).get("value").asString()).isEqualTo("P1M2DT0S");
        assertThat(row.get(5).toString()).isEqualTo("[1,\"two\",3.5]");
        assertThat(row.get(6).get("k").asBoolean()).isTrue();
        assertThat(row.get(7).isNull()).isTrue();
    }

    @Test
    void cutsLongAnswersAtTheRowCapAndSaysSo() {
        Response r = cypher("UNWIND range(1, 20000) AS x RETURN x", Map.of(), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("rows")).hasSize(10_000);
        assertThat(r.json().get("truncated").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE (n:Vendor:Resource {id: 'intruder'}) RETURN n",
            "MERGE (n:Resource {id: 'intruder'}) RETURN n",
            "MATCH (n:Vendor {id: 'huawei'}) SET n.label = 'Pwned' RETURN n",
            "MATCH (n:Vendor {id: 'huawei'}) DETACH DELETE n",
            "MATCH (n:Vendor {id: 'huawei'}) REMOVE n:Vendor RETURN n",
            "CREATE INDEX intruder IF NOT EXISTS FOR (n:Vendor) ON (n.label)",
            "DROP CONSTRAINT resource_id",
            "CALL db.createLabel('Intruder')",
            "LOAD CSV FROM 'file:///etc/hostname' AS line RETURN line",
            "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
            "STOP DATABASE neo4j",
            "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
            "CALL dbms.listConfig() YIELD name RETURN name"})
    void refusesEveryWriteWithAProblemAndLeavesTheGraphAsItWas(String write) {
        List<String> before = snapshot();
        Response r = cypher(write, Map.of(), null);
        assertThat(r.status()).as(r.body()).isIn(400, 403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).isNotBlank();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aWriteIsRefusedAsReadOnlyByTheEndpoint() {
        Response r = cypher("CREATE (n:Probe) RETURN n", Map.of(), null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("type").asString()).endsWith("/read-only");
        assertThat(r.json().get("queryType").asString()).isEqualTo("READ_WRITE");
    }

    @Test
    void neo4jItselfRefusesWritesInAReadTransaction() {
        try (var session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            for (String write : List.of("CREATE (n:Probe) RETURN n", "MERGE (n:Probe {id: 'x'}) RETURN n",
                    "CREATE INDEX probe IF NOT EXISTS FOR (n:Probe) ON (n.id)", "CALL db.createLabel('Probe')")) {
                assertThatThrownBy(() -> session.executeRead(tx -> tx.run(write).consume()))
                        .as(write).isInstanceOf(ClientException.class);
                // The endpoint's own form: an auto-commit statement in a READ-mode session.
                assertThatThrownBy(() -> session.run(write).consume()).as(write).isInstanceOf(ClientException.class);
            }
        }
        assertThat(count("MATCH (n:Probe) RETURN count(n)", Map.of())).isZero();
    }

    @Test
    void syntaxErrorsAndUnknownFunctionsComeBackWithNeo4jsMessageAndCode() {
        Response syntax = cypher("MATCH (n RETURN n", Map.of(), null);
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.json().get("neo4jCode").asString()).isEqualTo("Neo.ClientError.Statement.SyntaxError");
        assertThat(syntax.json().get("detail").asString()).containsIgnoringCase("invalid input");
        Response function = cypher("RETURN no.such.function(1)", Map.of(), null);
        assertThat(function.status()).isEqualTo(400);
        assertThat(function.json().get("neo4jCode").asString()).startsWith("Neo.ClientError.Statement.");
        assertThat(function.json().get("detail").asString()).contains("Unknown function 'no.such.function'");
        Response blank = cypher(" ", Map.of(), null);
        assertThat(blank.status()).isEqualTo(400);
    }

    @Test
    void aHeavyQueryIsStoppedByItsTimeout() {
        Response r = cypher("UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*)", Map.of(), 50L);
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.json().get("type").asString()).endsWith("/query-timeout");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SHOW SETTINGS",
            "show   settings YIELD name, value RETURN name, value",
            "SHOW TRANSACTIONS",
            "CALL db.stats.retrieve('GRAPH COUNTS')",
            "CALL `db`.`stats`.`retrieve`('GRAPH COUNTS') YIELD data RETURN data",
            "CALL /* counts */ db . stats . retrieve ( 'GRAPH COUNTS' )",
            "CALL dbms.components()",
            "CALL db.info()",
            "SHOW PROCEDURES",
            "MATCH (n) WITH count(n) AS c CALL db.stats.retrieve('GRAPH COUNTS') YIELD data RETURN c, data"})
    void refusesProceduresAndCommandsOffTheAllowListHoweverTheyAreWritten(String query) {
        Response r = cypher(query, Map.of(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).endsWith("/read-only");
        assertThat(r.json().get("detail").asString()).contains("is refused").contains("Allowed:").contains("db.labels");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CALL db.labels()",
            "call `db`.`relationshipTypes`() YIELD relationshipType RETURN relationshipType",
            "CALL db.propertyKeys()",
            "CALL db.schema.visualization()",
            "CALL db.schema.nodeTypeProperties()",
            "CALL db.schema.relTypeProperties()",
            "SHOW INDEXES",
            "SHOW CONSTRAINTS YIELD name RETURN name",
            "RETURN toUpper('a'), elementId(null), size([1, 2])"})
    void answersTheSchemaProceduresCommandsAndFunctionsAReaderNeeds(String query) {
        Response r = cypher(query, Map.of(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void callInTransactionsIsRefusedWithAProblemNotAnError() {
        Response r = cypher("UNWIND range(1, 3) AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS RETURN y", Map.of(), null);
        assertThat(r.status()).as(r.body()).isIn(400, 403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("IN TRANSACTIONS");
    }

    @Test
    void aSyntaxErrorQuotesTheQueryAsSentWithItsOwnLineAndColumn() {
        Response first = cypher("MATCH (n RETURN n", Map.of(), null);
        assertThat(first.status()).as(first.body()).isEqualTo(400);
        assertThat(first.json().get("line").asInt()).isEqualTo(1);
        assertThat(first.json().get("column").asInt()).isEqualTo(10);
        assertThat(first.json().get("detail").asString()).doesNotContain("EXPLAIN")
                .contains("(line 1, column 10)").contains("\"MATCH (n RETURN n\"\n" + " ".repeat(10) + "^");

        Response second = cypher("MATCH (n)\nRETURN n LIMIT )", Map.of(), null);
        assertThat(second.status()).as(second.body()).isEqualTo(400);
        assertThat(second.json().get("line").asInt()).isEqualTo(2);
        assertThat(second.json().get("column").asInt()).isEqualTo(16);
        assertThat(second.json().get("detail").asString()).doesNotContain("EXPLAIN")
                .containsOnlyOnce("\"RETURN n LIMIT )\"").endsWith("\"RETURN n LIMIT )\"\n" + " ".repeat(16) + "^");
    }

    @Test
    void aQueryNestedTooDeepOrTooLongIsRefusedBeforeNeo4jParsesIt() {
        Response deep = cypher("RETURN " + "(".repeat(400) + "1" + ")".repeat(400), Map.of(), null);
        assertThat(deep.status()).as(deep.body()).isEqualTo(400);
        assertThat(deep.json().get("type").asString()).endsWith("/invalid-cypher");
        assertThat(deep.json().get("line").asInt()).isEqualTo(1);
        assertThat(deep.json().get("column").asInt()).isEqualTo(8 + 40);
        assertThat(deep.json().has("neo4jCode")).isFalse();

        Response quoted = cypher("RETURN '" + "(".repeat(400) + "' AS text // " + "[".repeat(100), Map.of(), null);
        assertThat(quoted.status()).as(quoted.body()).isEqualTo(200);

        Response longText = cypher("RETURN 1 " + "+ 1 ".repeat(5000), Map.of(), null);
        assertThat(longText.status()).as(longText.body()).isEqualTo(400);
        assertThat(longText.json().get("detail").asString()).contains("longer than 20000 characters");
    }

    @Test
    void aQueryNestedAsDeepAsAllowedIsParsedAndAnsweredPromptly() {
        long start = System.nanoTime();
        Response r = cypher("RETURN " + "(".repeat(40) + "1" + ")".repeat(40) + " AS one", Map.of(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void deeplyNestedQueriesByTheHundredDoNotStarveTheService() throws Exception {
        String nested = "RETURN " + "(".repeat(500) + "1" + ")".repeat(500);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            List<java.util.concurrent.Future<Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 110; i++) {
                answers.add(pool.submit(() -> cypher(nested, Map.of(), 1000L)));
            }
            Response entity = get("/api/entities/huawei");
            assertThat(entity.status()).isEqualTo(200);
            for (var answer : answers) {
                assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(400);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
