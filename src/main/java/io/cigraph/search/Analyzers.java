package io.cigraph.search;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzers, one per kind of field. Indexing and querying use the same wrapper, so a field
 * is always read the way it was written.
 */
final class Analyzers {

    private Analyzers() {
    }

    /**
     * English prose (descriptions, evidence): possessives and stop words dropped, accents folded,
     * Porter stems so "cars" finds "car" and "connection" finds "connected".
     */
    static Analyzer english() {
        return words(true);
    }

    /**
     * Words of names: like {@link #english()} but without stop words, because names are short
     * and "The West" must keep its article.
     */
    static Analyzer nameWords() {
        return words(false);
    }

    private static Analyzer words(boolean dropStopWords) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = new EnglishPossessiveFilter(source);
                s = new LowerCaseFilter(s);
                s = new ASCIIFoldingFilter(s);
                if (dropStopWords) {
                    s = new StopFilter(s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                }
                s = new PorterStemFilter(s);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    /**
     * Chinese (and other CJK) text: overlapping bigrams plus single characters. Chinese has no
     * spaces and dictionary segmentation splits brand names such as 星闪 or 擎云 unpredictably;
     * bigrams match any two adjacent characters, and unigrams keep one-character queries working.
     */
    static Analyzer cjk() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = new CJKWidthFilter(source);
                s = new LowerCaseFilter(s);
                s = new CJKBigramFilter(s, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA
                        | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL, true);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    /** The analyzer of every analysed field of the index, by field name. */
    static Analyzer perField() {
        Analyzer english = english();
        Analyzer cjk = cjk();
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), Map.of(
                Fields.NAME_WORDS, nameWords(),
                Fields.NAME_CJK, cjk,
                Fields.DESCRIPTION, english,
                Fields.DESCRIPTION_CJK, cjk,
                Fields.PROPERTIES, english,
                Fields.TYPE_WORDS, english,
                Fields.EVIDENCE, english,
                Fields.EVIDENCE_CJK, cjk));
    }
}
