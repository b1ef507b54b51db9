/**
 * Full-text search and autocomplete over the graph's entities and the source passages that
 * support them: one Lucene index of our own, kept in step with the graph as an import
 * projection, with analyzers per field (English text, Chinese text, normalised names), ranking
 * by name tiers then text then evidence, facets, highlighting and explanations. Depends on the
 * canonical records and the ontology only.
 */
package io.cigraph.search;
