package io.cigraph.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * Name normalisation shared by indexing and querying, so that both sides agree: a name's
 * "compact key" drops case, accents, width, spaces and punctuation ("Harmony OS", "HarmonyOS",
 * "harmony-os" are one key), which is what makes run-together and split spellings match.
 */
final class Names {

    /** Every CJK script starts at or above U+1100 (Hangul Jamo). */
    private static final char FIRST_CJK = '\u1100';

    /** Longest autocomplete prefix kept as an indexed gram; longer inputs fall back to a prefix query. */
    static final int MAX_GRAM = 12;
    /** At most this many suggestion start points per name, so a long name cannot flood the index. */
    private static final int MAX_STARTS = 24;

    private Names() {
    }

    /** Lower case, NFKC, ASCII-folded, letters and digits only. */
    static String compact(String text) {
        StringBuilder out = new StringBuilder(text.length());
        forEachNormalised(text, (c, boundary) -> out.append(c));
        return out.toString();
    }

    /** Whether the text has a Han, Hiragana, Katakana or Hangul character. */
    static boolean hasCjk(String text) {
        // Most text is decided without a script lookup, a binary search per code point:
        // every evidence passage comes through here.
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= FIRST_CJK && isCjk(text.codePointAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }

    /**
     * The compact key's suffixes that begin where a word begins: at the start, after a space or
     * punctuation, at a change of case ("HarmonyOS" → "os"), between letters and digits
     * ("GT4" → "4"), and at every CJK character (Chinese has no spaces). Autocomplete matches a
     * typed prefix against these, so it finds names by any of their words.
     */
    static List<String> wordSuffixes(String name) {
        String key = compact(name);
        List<Integer> starts = new ArrayList<>();
        forEachNormalised(name, new Sink() {
            int position;

            @Override
            public void accept(char c, boolean boundary) {
                if (boundary && starts.size() < MAX_STARTS) {
                    starts.add(position);
                }
                position++;
            }
        });
        Set<String> suffixes = new LinkedHashSet<>();
        for (int start : starts) {
            suffixes.add(key.substring(start));
        }
        return List.copyOf(suffixes);
    }

    /** Every prefix of each suffix up to {@link #MAX_GRAM} characters: the autocomplete terms. */
    static Set<String> grams(List<String> suffixes) {
        Set<String> grams = new LinkedHashSet<>();
        for (String s : suffixes) {
            for (int n = 1; n <= Math.min(MAX_GRAM, s.length()); n++) {
                grams.add(s.substring(0, n));
            }
        }
        return grams;
    }

    private interface Sink {
        void accept(char c, boolean wordStart);
    }

    private static void forEachNormalised(String text, Sink sink) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        char[] folded = new char[nfkc.length() * 4];
        int n = ASCIIFoldingFilter.foldToASCII(nfkc.toCharArray(), 0, folded, 0, nfkc.length());
        int previous = ' ';
        for (int i = 0; i < n; ) {
            int cp = Character.codePointAt(folded, i, n);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                boolean boundary = !Character.isLetterOrDigit(previous)
                        || isCjk(cp)
                        || (Character.isUpperCase(cp) && Character.isLowerCase(previous))
                        || (Character.isDigit(cp) != Character.isDigit(previous));
                String lower = new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
                for (int j = 0; j < lower.length(); j++) {
                    sink.accept(lower.charAt(j), boundary && j == 0);
                }
            }
            previous = cp;
        }
    }
}
