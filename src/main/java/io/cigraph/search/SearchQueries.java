package io.cigraph.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.StringHelper;

/**
 * Turns what a user typed into a Lucene query over entity documents, in tiers: the whole input
 * equal to a name (after {@link Names#compact}) far above everything, then all its words in a
 * name, a name within one or two typos, a name starting with it, then any name word, then the
 * description and the evidence passages of the entity's relations (copied onto the entity:
 * an entity that many passages support on the query's words is what they are about), the
 * types and properties, and the entities cited by sources whose titles match. A small multiplier by
 * the number of relations breaks ties in favour of the better-connected entity.
 */
final class SearchQueries {

    private static final Pattern PREPOSITION = Pattern.compile(
            "\\s(for|of|with|in|on|to|by|from|that|which|between)\\s", Pattern.CASE_INSENSITIVE);

    static final float EXACT = 100f;
    static final float ALL_NAME_WORDS = 8f;
    static final float FUZZY_NAME = 30f;
    static final float PREFIX_NAME = 12f;
    static final float ANY_NAME_WORD = 2f;
    static final float DESCRIPTION = 1f;
    static final float TYPE_WORDS = 0.5f;
    static final float EVIDENCE = 1f;
    static final float HEAD = 3f;
    /** A relation citing a source whose title has the words, relative to its evidence having them. */
    static final float SOURCE_TITLE = 0.5f;
    /** The most sources whose titles can widen one search. */
    private static final int MAX_SOURCES = 100;
    /** Sources and observations rank below domain entities that match as well. */
    static final double NOT_AN_ENTITY = 0.5;
    /** The tie-breaker weight: score × (1 + w·ln(1 + relations)), a few per cent, never a tier jump. */
    static final double CONNECTEDNESS = 0.02;

    private final Analyzer analyzer = Analyzers.perField();
    private final QueryBuilder builder = new QueryBuilder(analyzer);

    /**
     * The plain-text query: every character is text, nothing is syntax. Typo clauses are added
     * only for input the index does not know as it is (a known name, words that are all known
     * name words, or the start of a known name is not a typo), which keeps correctly spelt
     * searches free of automaton work: building the typo automata was two fifths of a search's CPU.
     */
    Query plain(String text, IndexReader reader) throws IOException {
        String key = Names.compact(text);
        if (key.isEmpty()) {
            throw new InvalidSearchException("q", "The query has no letters or digits: type a name, an alias or words to find.");
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        any.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(Fields.NAME_KEY, key))), EXACT), Occur.SHOULD);
        add(any, builder.createBooleanQuery(Fields.NAME_WORDS, text, Occur.MUST), ALL_NAME_WORDS);
        add(any, builder.createBooleanQuery(Fields.NAME_WORDS, text, Occur.SHOULD), ANY_NAME_WORD);
        if (Names.hasCjk(text)) {
            add(any, builder.createBooleanQuery(Fields.NAME_CJK, text, Occur.MUST), ALL_NAME_WORDS);
            add(any, builder.createBooleanQuery(Fields.DESCRIPTION_CJK, text, Occur.SHOULD), DESCRIPTION);
        }
        int edits = key.length() >= 8 ? 2 : key.length() >= 4 ? 1 : 0;
        // The start of a known name is being typed, not mistyped: the prefix clause below finds it.
        boolean typing = knownNameStart(key, reader);
        if (edits > 0 && !typing && reader.docFreq(new Term(Fields.NAME_KEY, key)) == 0 && !knownWords(text, reader)) {
            // Typos are judged on the compact key, so "harmony so" is as close to "HarmonyOS" as "harmonyso".
            any.add(new BoostQuery(new FuzzyQuery(new Term(Fields.NAME_KEY, key), edits, 1), FUZZY_NAME), Occur.SHOULD);
        }
        if (key.length() >= 2) {
            // Up to the gram length a name's start is one indexed term; longer prefixes are rare and cheap.
            Query prefix = new ConstantScoreQuery(key.length() <= Names.MAX_GRAM
                    ? new TermQuery(new Term(Fields.SUGGEST_START, key)) : new PrefixQuery(new Term(Fields.NAME_KEY, key)));
            // Of the names the input completes, the shortest is what was meant: "harmo" is HarmonyOS.
            any.add(new BoostQuery(FunctionScoreQuery.boostByValue(prefix, ValueBoost.nearness(key)), PREFIX_NAME), Occur.SHOULD);
        }
        add(any, lastWordPrefix(text), ALL_NAME_WORDS);
        if (!typing) {
            add(any, wordTypos(text, reader), ANY_NAME_WORD);
        }
        add(any, head(text), HEAD);
        add(any, builder.createBooleanQuery(Fields.DESCRIPTION, text, Occur.SHOULD), DESCRIPTION);
        add(any, builder.createBooleanQuery(Fields.EVIDENCE, text, Occur.SHOULD), EVIDENCE);
        if (Names.hasCjk(text)) {
            add(any, builder.createBooleanQuery(Fields.EVIDENCE_CJK, text, Occur.SHOULD), EVIDENCE);
        }
        add(any, builder.createBooleanQuery(Fields.TYPE_WORDS, text, Occur.SHOULD), TYPE_WORDS);
        add(any, builder.createBooleanQuery(Fields.PROPERTIES, text, Occur.SHOULD), TYPE_WORDS);
        return any.build();
    }

    /**
     * Every word of the text in one name, the last one possibly unfinished ("qingyun print"): what
     * people type while they are still typing.
     */
    private Query lastWordPrefix(String text) {
        List<String> words = Arrays.stream(text.split("[^\\p{L}\\p{N}]+")).map(Names::compact).filter(w -> !w.isEmpty())
                .toList();
        if (words.size() < 2 || words.getLast().length() < 2 || Names.hasCjk(text)) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        Query complete = builder.createBooleanQuery(Fields.NAME_WORDS, String.join(" ", words.subList(0, words.size() - 1)),
                Occur.MUST);
        if (complete == null) {
            return null;
        }
        b.add(complete, Occur.MUST);
        b.add(new PrefixQuery(new Term(Fields.NAME_WORDS, words.getLast())), Occur.MUST);
        return b.build();
    }

    /**
     * The head of a descriptive query, the words before its first preposition ("cockpit software"
     * in "cockpit software for car makers"): what is described weighs more than what it is for,
     * with, or of. Matched as a near phrase in descriptions and as words in names.
     */
    private Query head(String text) {
        Matcher m = PREPOSITION.matcher(text);
        if (!m.find() || m.start() == 0) {
            return null;
        }
        String head = text.substring(0, m.start());
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        add(b, builder.createPhraseQuery(Fields.DESCRIPTION, head, 1), 1f);
        add(b, builder.createBooleanQuery(Fields.NAME_WORDS, head, Occur.SHOULD), 1f);
        BooleanQuery q = b.build();
        return q.clauses().isEmpty() ? null : q;
    }

    /** Each unknown word of the text within its typo distance of a name word (words of 3+ letters). */
    private Query wordTypos(String text, IndexReader reader) throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int clauses = 0;
        for (String word : text.split("[^\\p{L}\\p{N}]+")) {
            String w = Names.compact(word);
            if (w.length() >= 3 && !Names.hasCjk(w) && clauses < 8 && !knownNameWord(word, reader)) {
                b.add(new FuzzyQuery(new Term(Fields.NAME_WORDS, w), w.length() >= 6 ? 2 : 1, 1), Occur.SHOULD);
                clauses++;
            }
        }
        return clauses == 0 ? null : b.build();
    }

    /** Whether every word of the text (there is one at least) is a word of some name; CJK text never is here. */
    private boolean knownWords(String text, IndexReader reader) throws IOException {
        if (Names.hasCjk(text)) {
            return false;
        }
        boolean any = false;
        for (String word : text.split("[^\\p{L}\\p{N}]+")) {
            if (Names.compact(word).isEmpty()) {
                continue;
            }
            if (!knownNameWord(word, reader)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** Whether some name's compact key starts with this one: the user is still typing it. */
    private static boolean knownNameStart(String key, IndexReader reader) throws IOException {
        Terms keys = MultiTerms.getTerms(reader, Fields.NAME_KEY);
        if (keys == null) {
            return false;
        }
        TermsEnum e = keys.iterator();
        BytesRef prefix = new BytesRef(key);
        return e.seekCeil(prefix) != TermsEnum.SeekStatus.END && StringHelper.startsWith(e.term(), prefix);
    }

    private boolean knownNameWord(String word, IndexReader reader) throws IOException {
        try (TokenStream tokens = analyzer.tokenStream(Fields.NAME_WORDS, word)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            boolean known = tokens.incrementToken() && reader.docFreq(new Term(Fields.NAME_WORDS, term.toString())) > 0;
            tokens.end();
            return known;
        }
    }

    /**
     * Entities supported by a source whose title has all the words, or {@code null}. Titles are
     * matched on the sources' own documents at query time rather than copied into every entity, so
     * a source that arrives after the relations citing it needs no second pass. It takes two words
     * or more: one word is a name far more often than a title, and widening by every source that
     * merely mentions a name would add the whole neighbourhood of the sources that do ("Norvex"
     * matched a tenth of a million-entity graph through "Report 17 on Norvex" and its like).
     */
    Query citedSources(String text, IndexSearcher searcher) throws IOException {
        Query titleWords = builder.createBooleanQuery(Fields.NAME_WORDS, text, Occur.MUST);
        if (!(titleWords instanceof BooleanQuery words) || words.clauses().size() < 2) {
            return null;
        }
        Query titles = new BooleanQuery.Builder().add(titleWords, Occur.MUST)
                .add(new TermQuery(new Term(Fields.TYPE, "Source")), Occur.FILTER).build();
        List<BytesRef> sources = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(titles, MAX_SOURCES).scoreDocs) {
            sources.add(new BytesRef(searcher.storedFields().document(sd.doc, Set.of(Fields.ID)).get(Fields.ID)));
        }
        return sources.isEmpty() ? null
                : new BoostQuery(new ConstantScoreQuery(new TermInSetQuery(Fields.CITED_SOURCE, sources)), SOURCE_TITLE);
    }

    /** The advanced syntax: Lucene's classic parser over names and descriptions. */
    Query lucene(String text) {
        MultiFieldQueryParser parser = new MultiFieldQueryParser(
                new String[] {Fields.NAME_WORDS, Fields.NAME_CJK, Fields.DESCRIPTION, Fields.EVIDENCE},
                analyzer, Map.of(Fields.NAME_WORDS, ALL_NAME_WORDS, Fields.NAME_CJK, ALL_NAME_WORDS,
                        Fields.DESCRIPTION, DESCRIPTION, Fields.EVIDENCE, EVIDENCE));
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(false);
        try {
            return parser.parse(text);
        } catch (ParseException | IndexSearcher.TooManyClauses e) {
            throw new InvalidSearchException("q", "The query is not valid Lucene syntax (" + firstLine(e.getMessage())
                    + "). Fix it, or leave out syntax=lucene to search the text as typed.");
        }
    }

    /**
     * The entity query: the text query or the entities its sources support, restricted to
     * entities (of a type, and with a relation citing a source, when given), multiplied by the
     * priors: connectedness and kind.
     */
    Query entities(Query text, Query citedSources, String type, String source) {
        BooleanQuery.Builder matches = new BooleanQuery.Builder().add(text, Occur.SHOULD);
        if (citedSources != null) {
            matches.add(citedSources, Occur.SHOULD);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(matches.build(), Occur.MUST)
                .add(new TermQuery(new Term(Fields.KIND, Fields.ENTITY)), Occur.FILTER);
        if (type != null) {
            b.add(new TermQuery(new Term(Fields.TYPE, type)), Occur.FILTER);
        }
        if (source != null) {
            b.add(new TermQuery(new Term(Fields.CITED_SOURCE, source)), Occur.FILTER);
        }
        Query ranked = FunctionScoreQuery.boostByValue(b.build(), new ValueBoost(Fields.RELATIONS,
                relations -> 1 + CONNECTEDNESS * Math.log1p(relations), "connectedness: 1 + " + CONNECTEDNESS
                + " * ln(1 + relations)"));
        return FunctionScoreQuery.boostByValue(ranked, new ValueBoost(Fields.IS_ENTITY,
                entity -> entity == 1 ? 1 : NOT_AN_ENTITY, "kind: 1 for entities, " + NOT_AN_ENTITY
                + " for sources and observations"));
    }

    private static void add(BooleanQuery.Builder b, Query q, float boost) {
        if (q != null) {
            b.add(new BoostQuery(q, boost), Occur.SHOULD);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        List<String> lines = message.lines().toList();
        return lines.isEmpty() ? message : lines.getFirst();
    }
}
