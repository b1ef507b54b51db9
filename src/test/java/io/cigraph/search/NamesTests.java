package io.cigraph.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The checks that send text to the CJK analyzers. */
class NamesTests {

    @Test
    void findsEveryCjkScriptWhereverItIs() {
        assertThat(Names.hasCjk("华为WATCH GT 4")).isTrue();
        assertThat(Names.hasCjk("Watch 华为")).isTrue();
        assertThat(Names.hasCjk("ソニー")).isTrue();
        assertThat(Names.hasCjk("ひらがな")).isTrue();
        assertThat(Names.hasCjk("삼성 Galaxy")).isTrue();
        // Hangul Jamo, the lowest CJK block; and a Han character outside the BMP (a surrogate pair).
        assertThat(Names.hasCjk("x\u1100")).isTrue();
        assertThat(Names.hasCjk("a" + new String(Character.toChars(0x20BB7)))).isTrue();
    }

    @Test
    void leavesOtherScriptsAlone() {
        assertThat(Names.hasCjk("")).isFalse();
        assertThat(Names.hasCjk("Huawei Watch GT 4 – ½ price, café, Ελληνικά, русский, עברית")).isFalse();
        // Just below the first CJK block, and symbols above it that belong to no CJK script.
        assertThat(Names.hasCjk("\u10FF")).isFalse();
        assertThat(Names.hasCjk("€ ™ → ★")).isFalse();
    }
}
