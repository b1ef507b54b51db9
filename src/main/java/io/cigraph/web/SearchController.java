package io.cigraph.web;

import io.cigraph.search.EntitySearch;
import io.cigraph.search.SearchRequest;
import io.cigraph.search.SearchResult;
import io.cigraph.search.Suggestion;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Full-text search and autocomplete over entities, their names in every language and their evidence. */
@RestController
class SearchController {

    private final EntitySearch search;

    SearchController(EntitySearch search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    SearchResult search(@RequestParam(required = false) String q, @RequestParam(required = false) String type,
                        @RequestParam(required = false) String source, @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset,
                        @RequestParam(defaultValue = "false") boolean explain,
                        @RequestParam(required = false) String syntax) {
        return search.search(new SearchRequest(q, type, source, limit, offset, explain, SearchRequest.Syntax.parse(syntax)));
    }

    record Suggestions(String query, List<Suggestion> suggestions) {
    }

    @GetMapping("/api/suggest")
    Suggestions suggest(@RequestParam(required = false) String q, @RequestParam(required = false) Integer limit,
                        @RequestParam(required = false) String type) {
        return new Suggestions(q, search.suggest(q, limit, type));
    }
}
