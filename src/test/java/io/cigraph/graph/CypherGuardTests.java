package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class CypherGuardTests {

    private final CypherGuard guard = new CypherGuard(100, 3);

    @Test
    void bracketsNestedTooDeepAreRefusedAtTheBracketThatGoesTooFarByLineAndColumn() {
        assertThatCode(() -> guard.checkText("RETURN [({a: 1})], [({b: 2})]")).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.checkText("MATCH (n)\n  RETURN (([[1]]))"))
                .asInstanceOf(InstanceOfAssertFactories.type(CypherSyntaxException.class))
                .satisfies(e -> {
                    org.assertj.core.api.Assertions.assertThat(e.line()).isEqualTo(2);
                    org.assertj.core.api.Assertions.assertThat(e.column()).isEqualTo(13);
                    org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains("more than 3 levels");
                });
    }

    @Test
    void bracketsInStringsQuotedNamesAndCommentsDoNotCount() {
        assertThatCode(() -> guard.checkText("""
                RETURN '((((\\'((((' AS a, "[[[[" AS `b((((``((((`` // {{{{
                /* (((( */ , 1 AS c""")).doesNotThrowAnyException();
    }

    @Test
    void aTextLongerThanTheLimitIsRefusedWhereItGoesBeyond() {
        String text = "RETURN 1" + "\n+ 1".repeat(40);
        assertThatThrownBy(() -> guard.checkText(text))
                .asInstanceOf(InstanceOfAssertFactories.type(CypherSyntaxException.class))
                .satisfies(e -> {
                    org.assertj.core.api.Assertions.assertThat(e.line()).isEqualTo(24);
                    org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains("longer than 100 characters");
                });
    }
}
