package io.cigraph.web;

import io.cigraph.search.EntitySearch;
import io.cigraph.search.SearchRequest;
import io.cigraph.search.SearchResult;
import io.cigraph.search.Suggestion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Full-text search and autocomplete over entities, their names in every language and their evidence. */
@RestController
@Tag(name = "search")
class SearchController {

    private final EntitySearch search;

    SearchController(EntitySearch search) {
        this.search = search;
    }

    @Operation(summary = "Entities ranked for the text (names in every language, typos, descriptions, evidence), with highlights and facets")
    @GetMapping("/api/search")
    SearchResult search(@Parameter(description = "The text to search for") @RequestParam(required = false) String q,
                        @Parameter(description = "Keep only entities of this class (its subclasses match)") @RequestParam(required = false) String type,
                        @Parameter(description = "Keep only entities with a relation citing this source (an id of the source facet)")
                        @RequestParam(required = false) String source,
                        @Parameter(description = "Hits per page") @RequestParam(required = false) Integer limit,
                        @Parameter(description = "Hits to skip") @RequestParam(required = false) Integer offset,
                        @Parameter(description = "Add each hit's score breakdown") @RequestParam(defaultValue = "false") boolean explain,
                        @Parameter(description = "plain (every character is text) or lucene (Lucene query syntax)")
                        @RequestParam(required = false) String syntax) {
        return search.search(new SearchRequest(q, type, source, limit, offset, explain, SearchRequest.Syntax.parse(syntax)));
    }

    record Suggestions(String query, List<Suggestion> suggestions) {
    }

    @Operation(summary = "Autocomplete: names and aliases that start with the text, or have a word that does")
    @GetMapping("/api/suggest")
    Suggestions suggest(@Parameter(description = "What the user has typed so far") @RequestParam(required = false) String q,
                        @Parameter(description = "The most suggestions") @RequestParam(required = false) Integer limit,
                        @Parameter(description = "Keep only entities of this class (its subclasses match)") @RequestParam(required = false) String type) {
        return new Suggestions(q, search.suggest(q, limit, type));
    }
}
