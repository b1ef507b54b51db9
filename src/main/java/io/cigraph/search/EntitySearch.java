package io.cigraph.search;

import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.springframework.stereotype.Service;

/**
 * Answers searches over the index: ranked entity hits with highlights and explanations, facet
 * counts over all matches, and autocomplete. Every call works on one point-in-time snapshot, so
 * a batch being written never shows half. Public because the web feature calls it.
 */
@Service
public class EntitySearch {

    private static final int FACET_VALUES = 50;
    /** How close to the best hit's score a hit must be to count as a near name. */
    private static final float NEAR = 0.1f;
    /** What a hit shows. */
    private static final Set<String> HIT_FIELDS = Set.of(Fields.ID, Fields.LABEL, Fields.STATED_TYPE, Fields.RELATIONS,
            Fields.EVIDENCE, Fields.EVIDENCE_SOURCE);

    private final SearchIndex index;
    private final Ontology ontology;
    private final SearchProperties properties;
    private final SearchQueries queries = new SearchQueries();
    private final Highlights highlights = new Highlights();
    private final Suggestions suggestions = new Suggestions();

    EntitySearch(SearchIndex index, Ontology ontology, SearchProperties properties) {
        this.index = index;
        this.ontology = ontology;
        this.properties = properties;
    }

    /**
     * Runs one search.
     *
     * @throws InvalidSearchException when the request cannot be run as asked; its message says what to fix
     */
    public SearchResult search(SearchRequest request) {
        String text = checkedText(request.text());
        String type = checkedType(request.type());
        int limit = checkedLimit(request.limit());
        int offset = request.offset() == null ? 0 : request.offset();
        if (offset < 0 || offset > properties.maxOffset()) {
            throw new InvalidSearchException("offset", "offset must be between 0 and " + properties.maxOffset() + ".");
        }
        boolean lucene = request.syntax() == SearchRequest.Syntax.LUCENE;
        Snapshot snapshot = index.acquire();
        try {
            Query parsed = lucene ? queries.lucene(text) : queries.plain(text, snapshot.getIndexReader());
            // Rewritten once: typo and prefix clauses become the terms they match, so neither the
            // search nor the highlighter builds their automata a second time.
            Query textQuery = snapshot.rewrite(parsed);
            String source = checkedSource(request.source(), snapshot);
            Query query = queries.entities(textQuery, lucene ? null : queries.citedSources(text, snapshot), type, source);
            FacetsCollectorManager.FacetsResult result = FacetsCollectorManager.search(snapshot, query, offset + limit,
                    new FacetsCollectorManager());
            TopDocs top = result.topDocs();
            FacetsCollector fc = result.facetsCollector();
            long total = fc.getMatchingDocs().stream().mapToLong(m -> m.totalHits()).sum();
            ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, Math.min(offset, top.scoreDocs.length), top.scoreDocs.length);
            List<SearchResult.Hit> hits = hits(snapshot, query, textQuery, page, request.explain());
            return new SearchResult(total, hits, facets(snapshot, fc));
        } catch (IndexSearcher.TooManyClauses | TooComplexToDeterminizeException e) {
            throw new InvalidSearchException("q", "The query expands to too many terms: make wildcards, regular expressions"
                    + " and ranges narrower.");
        } catch (IllegalArgumentException e) {
            if (!lucene) {
                throw e;
            }
            throw new InvalidSearchException("q", "The query cannot be run as Lucene syntax (" + e.getMessage() + ").");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release(snapshot);
        }
    }

    /**
     * Names and aliases that start with the typed text, or have a word that does, best first.
     *
     * @throws InvalidSearchException when the text is empty or too long
     */
    public List<Suggestion> suggest(String text, Integer limit, String type) {
        String checked = checkedText(text);
        String typeFilter = checkedType(type);
        int n = checkedLimit(limit);
        Snapshot snapshot = index.acquire();
        try {
            return suggestions.suggest(snapshot, checked, n, typeFilter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release(snapshot);
        }
    }

    /**
     * The entities whose names come nearest the text, best first, for "did you mean" answers: the
     * ranked search itself (typos, prefixes, names in every language), cut where hits score under
     * a tenth of the best, which keeps near names and drops entities that only share a word of
     * their description or evidence. Text that cannot be searched has no near names.
     *
     * @param type an ontology class the entities must be of (its subclasses too), or {@code null}
     */
    public List<SearchResult.Hit> nearest(String text, String type, int limit) {
        SearchResult found;
        try {
            found = search(new SearchRequest(text, type, null, Math.min(limit, properties.maxLimit()), 0, false,
                    SearchRequest.Syntax.PLAIN));
        } catch (InvalidSearchException e) {
            return List.of();
        }
        if (found.hits().isEmpty()) {
            return List.of();
        }
        float best = found.hits().getFirst().score();
        return found.hits().stream().filter(h -> h.score() >= best * NEAR).toList();
    }

    private List<SearchResult.Hit> hits(Snapshot snapshot, Query query, Query textQuery, ScoreDoc[] page,
                                        boolean explain) throws IOException {
        int[] docs = Arrays.stream(page).mapToInt(d -> d.doc).toArray();
        Highlights.Highlighted highlighted = highlights.fields(snapshot, textQuery, docs, HIT_FIELDS);
        Map<String, String[]> fragments = highlighted.fragments();
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (int i = 0; i < page.length; i++) {
            Document d = highlighted.documents()[i];
            String id = d.get(Fields.ID);
            Map<String, String> found = new LinkedHashMap<>();
            for (Map.Entry<String, String[]> f : fragments.entrySet()) {
                if (f.getValue()[i] != null) {
                    found.put(f.getKey(), f.getValue()[i]);
                }
            }
            hits.add(new SearchResult.Hit(id, d.get(Fields.LABEL), List.of(d.getValues(Fields.STATED_TYPE)),
                    d.getField(Fields.RELATIONS).numericValue().intValue(), page[i].score, found,
                    Highlights.sourceOf(d, found.get(Highlights.EVIDENCE)),
                    explain ? explained(snapshot.explain(query, page[i].doc)) : null));
        }
        return hits;
    }

    private static SearchResult.Explained explained(Explanation e) {
        return new SearchResult.Explained(e.getValue().floatValue(), e.getDescription(),
                Arrays.stream(e.getDetails()).map(EntitySearch::explained).toList());
    }

    private static Map<String, Map<String, Integer>> facets(Snapshot snapshot, FacetsCollector fc) throws IOException {
        Map<String, Map<String, Integer>> facets = new LinkedHashMap<>();
        facets.put(Fields.FACET_TYPE, new LinkedHashMap<>());
        facets.put(Fields.FACET_SOURCE, new LinkedHashMap<>());
        SortedSetDocValuesReaderState state = snapshot.facets();
        if (state == null) {
            return facets;
        }
        SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state, fc);
        for (String dim : facets.keySet()) {
            FacetResult r = state.getPrefixToOrdRange().containsKey(dim) ? counts.getTopChildren(FACET_VALUES, dim) : null;
            if (r != null) {
                for (LabelAndValue lv : r.labelValues) {
                    facets.get(dim).put(lv.label, lv.value.intValue());
                }
            }
        }
        return facets;
    }

    private String checkedText(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSearchException("q", "Give the text to search for in 'q', for example q=harmonyos.");
        }
        if (text.length() > properties.maxQueryLength()) {
            throw new InvalidSearchException("q", "The query is " + text.length() + " characters long; the most is "
                    + properties.maxQueryLength() + ". Shorten it.");
        }
        return text.strip();
    }

    private String checkedType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        String t = type.strip();
        if (ontology.findClass(t).isEmpty()) {
            throw new InvalidSearchException("type", "Unknown type '" + t + "': use an ontology class name such as Device"
                    + " or Smartwatch (see /api/ontology).");
        }
        return t;
    }

    /**
     * A source to filter by: one that relations cite, or one the index holds (cited by nothing that
     * matches yet, it filters everything out, as asked); anything else is a mistake worth saying.
     */
    private static String checkedSource(String source, IndexSearcher searcher) throws IOException {
        if (source == null || source.isBlank()) {
            return null;
        }
        String s = source.strip();
        IndexReader reader = searcher.getIndexReader();
        if (reader.docFreq(new Term(Fields.CITED_SOURCE, s)) == 0 && reader.docFreq(new Term(Fields.ID, s)) == 0) {
            throw new InvalidSearchException("source", "Unknown source '" + s + "': use a source's id as the 'source'"
                    + " facet of a search lists it.");
        }
        return s;
    }

    private int checkedLimit(Integer limit) {
        int n = limit == null ? properties.defaultLimit() : limit;
        if (n < 1 || n > properties.maxLimit()) {
            throw new InvalidSearchException("limit", "limit must be between 1 and " + properties.maxLimit() + ".");
        }
        return n;
    }
}
