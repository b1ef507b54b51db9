/**
 * Canonical records: what every import format is parsed into and what every store is written
 * from. Entities, sources and observations are all {@link io.cigraph.model.ResourceRecord}s; links
 * between them are {@link io.cigraph.model.RelationRecord}s. Plain data, no behaviour, no
 * dependencies, so that importing and the stores can share them without depending on each other.
 */
package io.cigraph.model;
