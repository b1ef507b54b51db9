package io.cigraph.web;

import io.cigraph.graph.CypherQueries.CypherResult;
import io.cigraph.graph.CypherQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Read-only Cypher for researchers. A read: no API key needed. */
@RestController
@Tag(name = "queries")
class CypherController {

    /**
     * @param query         Cypher
     * @param parameters    values for {@code $name} placeholders
     * @param timeoutMillis a shorter timeout than the configured one, optional
     */
    record CypherRequest(String query, Map<String, Object> parameters, Long timeoutMillis) {
    }

    private final CypherQueries cypher;

    CypherController(CypherQueries cypher) {
        this.cypher = cypher;
    }

    @Operation(summary = "A read-only Cypher query: columns and rows with typed values; writes are refused with 403")
    @PostMapping(path = "/api/cypher", consumes = "application/json")
    CypherResult run(@RequestBody CypherRequest request) {
        return cypher.run(request.query(), request.parameters(),
                request.timeoutMillis() == null ? null : Duration.ofMillis(request.timeoutMillis()));
    }
}
