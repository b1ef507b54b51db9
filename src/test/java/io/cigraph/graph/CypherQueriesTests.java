package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CypherQueriesTests {

    @Test
    void aRequestCanShortenTheTimeoutButNeverLengthenIt() {
        Duration configured = Duration.ofSeconds(30);
        assertThat(CypherQueries.effectiveTimeout(configured, null)).isEqualTo(configured);
        assertThat(CypherQueries.effectiveTimeout(configured, Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(50));
        assertThat(CypherQueries.effectiveTimeout(configured, Duration.ofHours(1))).isEqualTo(configured);
        assertThat(CypherQueries.effectiveTimeout(configured, Duration.ZERO)).isEqualTo(configured);
    }

    @Test
    void aSavedQuestionDeclaresItsDescriptionAndParametersInComments() {
        var saved = SavedQuestions.parse("q", """
                // description: What a vendor sells.
                // param vendor: id of the vendor
                MATCH (v {id: $vendor}) RETURN v
                """);
        assertThat(saved.question().description()).isEqualTo("What a vendor sells.");
        assertThat(saved.question().parameters()).containsExactly(new SavedQuestions.Parameter("vendor", "id of the vendor"));
    }
}
