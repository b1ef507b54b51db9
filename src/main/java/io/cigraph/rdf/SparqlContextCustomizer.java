package io.cigraph.rdf;

import org.apache.jena.sparql.util.Context;

/**
 * Extension point of the SPARQL endpoint: every bean of this type may add to the context that
 * all {@code /sparql} queries run with, for example a property-function registry with a
 * {@code kg:search} function backed by the search index
 * ({@code context.set(ARQConstants.registryPropertyFunctions, registry)}). Public because other
 * features contribute such beans.
 */
@FunctionalInterface
public interface SparqlContextCustomizer {

    void customize(Context context);
}
