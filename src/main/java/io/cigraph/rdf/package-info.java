/**
 * The RDF projection of the graph in Apache Jena TDB2, and the SPARQL 1.1 Protocol over it. The
 * import pipeline writes each batch here as well as to Neo4j; the ontology is loaded beside the
 * data and its class and property hierarchy and inverses are materialised at import, so queries
 * are ontology-aware without a reasoner at query time. Requests to {@code /sparql} are served by
 * Jena Fuseki's own protocol code running inside the service's servlet container, read-only.
 */
package io.cigraph.rdf;
