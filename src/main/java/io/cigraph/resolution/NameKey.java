package io.cigraph.resolution;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key two names of one thing share once the ways of writing them are set aside: case, width
 * (NFKC: full-width {@code ＨＵＡＷＥＩ} is {@code HUAWEI}), accents (combining marks dropped),
 * spaces and punctuation, and legal or corporate suffixes at the end ({@link #SUFFIXES},
 * {@link #CJK_SUFFIXES}). The key is exact, not fuzzy: it is what an import compares to find a
 * likely duplicate, and a false match merges two entities, so a suffix is only ever dropped as
 * whole words at the end of the name and never when it is all the name has.
 * Public: the search index keeps these keys and the import looks them up.
 */
public final class NameKey {

    /**
     * Latin suffixes, as words (a name's words are its runs of letters and digits, so
     * {@code "Co., Ltd."} is the words {@code co ltd}); dropped from the end repeatedly, longest
     * first, so {@code "Huawei Technologies Co., Ltd."} loses {@code co ltd}, then
     * {@code technologies}.
     */
    public static final List<String> SUFFIXES = List.of(
            "co ltd", "co limited", "company limited", "pte ltd", "pty ltd", "s a", "s p a", "n v", "b v",
            "ltd", "limited", "inc", "incorporated", "corp", "corporation", "co", "company",
            "gmbh", "ag", "sa", "spa", "nv", "bv", "llc", "plc", "lp", "llp",
            "technologies", "technology", "group", "holdings", "holding");

    /** Chinese suffixes, dropped from the end of the last word (Chinese has no spaces), longest first. */
    public static final List<String> CJK_SUFFIXES = List.of(
            "股份有限公司", "有限责任公司", "有限公司", "集团", "控股", "技术", "科技");

    private static final List<List<String>> SUFFIX_WORDS = SUFFIXES.stream()
            .map(s -> List.of(s.split(" ")))
            .sorted((a, b) -> Integer.compare(b.size(), a.size()))
            .toList();
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private NameKey() {
    }

    /** The name's key: lower-case letters and digits only, suffixes dropped; empty for a name without any. */
    public static String of(String name) {
        List<String> words = words(name);
        boolean dropped = true;
        while (dropped && !words.isEmpty()) {
            dropped = dropLatin(words) || dropCjk(words);
        }
        return String.join("", words);
    }

    /** NFKC for width, NFD to drop combining marks, then lower case; words are runs of letters and digits. */
    static List<String> words(String name) {
        String text = (ascii(name) ? name : unmarked(name)).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(fold(cp));
            } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
        });
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    /** ASCII has no width, no marks and no compatibility forms: most names skip three normalisations. */
    private static boolean ascii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String unmarked(String name) {
        String wide = Normalizer.normalize(name, Normalizer.Form.NFKC);
        String bare = MARKS.matcher(Normalizer.normalize(wide, Normalizer.Form.NFD)).replaceAll("");
        return Normalizer.normalize(bare, Normalizer.Form.NFC);
    }

    /** Letters that carry no combining mark to drop but are the same letter to a reader. */
    private static int fold(int cp) {
        return switch (cp) {
            case 'ø' -> 'o';
            case 'ł' -> 'l';
            case 'đ' -> 'd';
            case 'ı' -> 'i';
            default -> cp;
        };
    }

    private static boolean dropLatin(List<String> words) {
        for (List<String> suffix : SUFFIX_WORDS) {
            int n = suffix.size();
            if (words.size() > n && words.subList(words.size() - n, words.size()).equals(suffix)) {
                words.subList(words.size() - n, words.size()).clear();
                return true;
            }
        }
        return false;
    }

    private static boolean dropCjk(List<String> words) {
        String last = words.getLast();
        for (String suffix : CJK_SUFFIXES) {
            if (last.equals(suffix) && words.size() > 1) {
                words.removeLast();
                return true;
            }
            if (last.length() > suffix.length() && last.endsWith(suffix)) {
                words.set(words.size() - 1, last.substring(0, last.length() - suffix.length()));
                return true;
            }
        }
        return false;
    }
}
