package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadVerdictsTests {

    @Test
    void aTextJudgedReadOnlyIsRememberedAndOnlyThatExactText() {
        ReadVerdicts verdicts = new ReadVerdicts(1_000);
        verdicts.pass("MATCH (n) RETURN n");
        assertThat(verdicts.passed("MATCH (n) RETURN n")).isTrue();
        assertThat(verdicts.passed("MATCH (n) RETURN n ")).isFalse();
        assertThat(verdicts.passed("MATCH (n) DETACH DELETE n")).isFalse();
    }

    @Test
    void theLeastRecentlyUsedTextsAreForgottenBeyondTheBoundInCharacters() {
        ReadVerdicts verdicts = new ReadVerdicts(30);
        verdicts.pass("RETURN 1 AS one"); // 15 characters
        verdicts.pass("RETURN 2 AS two");
        assertThat(verdicts.passed("RETURN 1 AS one")).isTrue();
        verdicts.pass("RETURN 3 AS six");
        assertThat(verdicts.passed("RETURN 2 AS two")).isFalse();
        assertThat(verdicts.passed("RETURN 1 AS one")).isTrue();
        assertThat(verdicts.passed("RETURN 3 AS six")).isTrue();
    }

    @Test
    void aTextLongerThanTheWholeBoundIsNotKept() {
        ReadVerdicts verdicts = new ReadVerdicts(10);
        verdicts.pass("MATCH (n) RETURN count(n)");
        assertThat(verdicts.passed("MATCH (n) RETURN count(n)")).isFalse();
    }
}
