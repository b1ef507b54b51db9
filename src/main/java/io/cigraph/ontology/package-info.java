/**
 * The ontology: OWL classes and properties plus SHACL shapes, loaded from Turtle files. It is the
 * single authority on what a record may say (classes, relations, their ends) and on what makes a
 * record valid; other features ask it rather than hard-coding vocabulary. Depends on Jena only.
 */
package io.cigraph.ontology;
