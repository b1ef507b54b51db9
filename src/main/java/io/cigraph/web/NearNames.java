package io.cigraph.web;

import io.cigraph.graph.UnknownResourceException;
import io.cigraph.search.EntitySearch;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The "did you mean" of a 404: the entities whose names come nearest an unknown id, found by the
 * search feature's own ranking (typos included), since a mistyped id is mostly a mistyped name.
 */
@Component
class NearNames {

    /** An entity offered instead of an unknown id. */
    record NearName(String id, String label) {
    }

    private static final int LIMIT = 5;
    private static final Logger LOG = LoggerFactory.getLogger(NearNames.class);

    private final EntitySearch search;

    NearNames(EntitySearch search) {
        this.search = search;
    }

    /** Entities of the class the id was looked for in, nearest first; none when it was not a resource's id. */
    List<NearName> of(UnknownResourceException e) {
        if (!e.resource() || e.id() == null) {
            return List.of();
        }
        // Ids are slugs of names: their words are the name's words.
        String text = e.id().replace('-', ' ').strip();
        try {
            return search.nearest(text, e.type(), LIMIT).stream().map(h -> new NearName(h.id(), h.label())).toList();
        } catch (RuntimeException failed) {
            // The 404 matters more than its suggestions: an index being rebuilt must not turn it into a 500.
            LOG.debug("No suggestions for unknown id '{}': {}", e.id(), failed.toString());
            return List.of();
        }
    }

    /** " Did you mean huawei (Huawei)?", or nothing. */
    static String sentence(List<NearName> names) {
        if (names.isEmpty()) {
            return "";
        }
        return names.stream().map(n -> n.label() == null || n.label().equals(n.id()) ? n.id() : n.id() + " (" + n.label() + ")")
                .collect(Collectors.joining(", ", " Did you mean ", "?"));
    }
}
