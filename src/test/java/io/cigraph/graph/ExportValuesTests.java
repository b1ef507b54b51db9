package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExportValuesTests {

    @Test
    void listItemsAreJoinedWithABarAndTheirOwnBarsAndBackslashesEscaped() {
        assertThat(ExportValues.join(List.of("华为", "A|B", "C\\D"))).isEqualTo("华为|A\\|B|C\\\\D");
    }

    @Test
    void namesGraphToolsReserveTakeAPrefixAndOthersStay() {
        assertThat(ExportValues.graphName("label")).isEqualTo("kg_label");
        assertThat(ExportValues.graphName("source")).isEqualTo("kg_source");
        assertThat(ExportValues.graphName("Weight")).isEqualTo("kg_Weight");
        assertThat(ExportValues.graphName("confidence")).isEqualTo("confidence");
    }

    @Test
    void aliasesWithoutALanguageHaveAColumnOfTheirOwn() {
        assertThat(ExportValues.aliasField("zh")).isEqualTo("aliases@zh");
        assertThat(ExportValues.aliasField("")).isEqualTo("aliases");
    }

    @Test
    void aPropertysGraphmlTypeIsTheNarrowestThatHoldsEveryValue() {
        assertThat(ExportPages.typeOf(Set.of("INTEGER NOT NULL"))).isEqualTo("long");
        assertThat(ExportPages.typeOf(Set.of("INTEGER NOT NULL", "FLOAT NOT NULL"))).isEqualTo("double");
        assertThat(ExportPages.typeOf(Set.of("BOOLEAN NOT NULL"))).isEqualTo("boolean");
        assertThat(ExportPages.typeOf(Set.of("DATE NOT NULL"))).isEqualTo("string");
        assertThat(ExportPages.typeOf(Set.of("LIST<STRING NOT NULL> NOT NULL"))).isEqualTo("string");
        assertThat(ExportPages.typeOf(Set.of("INTEGER NOT NULL", "STRING NOT NULL"))).isEqualTo("string");
    }
}
