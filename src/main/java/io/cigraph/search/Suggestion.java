package io.cigraph.search;

import java.util.List;

/**
 * One autocomplete entry. Public because the web feature returns it as JSON.
 *
 * @param id      entity id
 * @param label   preferred name
 * @param matched the name (label or alias) the typed text matched
 * @param types   stated classes
 */
public record Suggestion(String id, String label, String matched, List<String> types) {
}
