/**
 * The property graph in Neo4j, reached only through the Neo4j Java Driver over Bolt (Boot's
 * auto-configured {@code Driver}), whether Neo4j runs in-process (the default, started here when
 * {@code spring.neo4j.uri} is not set) or on a remote server or cluster. Writes import batches in
 * one transaction each and answers entity, neighbourhood, path, source and count questions.
 */
package io.cigraph.graph;
