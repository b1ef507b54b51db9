package io.cigraph.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;

/**
 * Autocomplete over the main index rather than a second suggester index, so suggestions are in
 * step with every commit for free. Each name is indexed as the prefixes (up to
 * {@link Names#MAX_GRAM} characters) of its compact key from every word start, so a typed
 * prefix is one term lookup: a whole name equal to the input first, then names starting with
 * it (the shortest first), then names with a word starting with it; the better connected
 * entity first among equals.
 */
final class Suggestions {

    /** The stored record of an entity, and the fields stored after it, where reading stops. */
    private static final Set<String> RECORD = Set.of(Fields.ID, Fields.IRI, Fields.LABEL, Fields.ALIAS,
            Fields.ALIAS_LANGUAGE, Fields.DESCRIPTION, Fields.PROPERTIES, Fields.STATED_TYPE);
    private static final Set<String> AFTER_RECORD = Set.of(Fields.EVIDENCE, Fields.EVIDENCE_SOURCE, Fields.RELATIONS);
    private static final Sort ORDER = new Sort(SortField.FIELD_SCORE,
            new SortField(Fields.RELATIONS, SortField.Type.LONG, true), new SortField(Fields.ID, SortField.Type.STRING));

    List<Suggestion> suggest(IndexSearcher searcher, String text, int limit, String type) throws IOException {
        String key = Names.compact(text);
        if (key.isEmpty()) {
            throw new InvalidSearchException("q", "The text has no letters or digits: type the start of a name.");
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        any.add(boost(new TermQuery(new Term(Fields.NAME_KEY, key)), 4), Occur.SHOULD);
        if (key.length() <= Names.MAX_GRAM) {
            any.add(new BoostQuery(FunctionScoreQuery.boostByValue(new ConstantScoreQuery(
                    new TermQuery(new Term(Fields.SUGGEST_START, key))), ValueBoost.nearness(key)), 2), Occur.SHOULD);
            any.add(boost(new TermQuery(new Term(Fields.SUGGEST_WORD, key)), 1), Occur.SHOULD);
        } else {
            // Longer than any gram: few names share such a prefix, so a prefix query is cheap.
            any.add(new BoostQuery(FunctionScoreQuery.boostByValue(new ConstantScoreQuery(
                    new PrefixQuery(new Term(Fields.NAME_KEY, key))), ValueBoost.nearness(key)), 2), Occur.SHOULD);
            any.add(boost(new PrefixQuery(new Term(Fields.SUGGEST_SUFFIX, key)), 1), Occur.SHOULD);
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(any.build(), Occur.MUST)
                .add(new TermQuery(new Term(Fields.KIND, Fields.ENTITY)), Occur.FILTER);
        if (type != null) {
            query.add(new TermQuery(new Term(Fields.TYPE, type)), Occur.FILTER);
        }
        List<Suggestion> out = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(query.build(), limit, ORDER, true).scoreDocs) {
            Entity e = Entity.of(Documents.shown(searcher.storedFields(), sd.doc, RECORD, AFTER_RECORD));
            out.add(new Suggestion(e.id(), e.label(), matched(e, key), e.statedTypes()));
        }
        return out;
    }

    private static Query boost(Query q, float boost) {
        return new BoostQuery(new ConstantScoreQuery(q), boost);
    }

    /** The name that the key matches best: whole, then at its start, then at a word. */
    private static String matched(Entity e, String key) {
        for (String name : e.names()) {
            if (Names.compact(name).equals(key)) {
                return name;
            }
        }
        for (String name : e.names()) {
            if (Names.compact(name).startsWith(key)) {
                return name;
            }
        }
        for (String name : e.names()) {
            if (Names.wordSuffixes(name).stream().anyMatch(s -> s.startsWith(key))) {
                return name;
            }
        }
        return e.label();
    }
}
