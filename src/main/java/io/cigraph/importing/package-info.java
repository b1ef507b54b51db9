/**
 * Import pipeline: parse a file into canonical records, validate them against the ontology's
 * shapes, then write them to every store as one batch, all or nothing, recorded in the ledger.
 * Also loads the bundled {@code import/} folder at start when the ledger does not have it yet.
 */
package io.cigraph.importing;
