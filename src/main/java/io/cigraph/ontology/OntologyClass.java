package io.cigraph.ontology;

import java.util.List;

/**
 * One class of the ontology. Public because the graph and web features show and map classes.
 *
 * @param name         local name, also the Neo4j label (for example {@code Smartwatch})
 * @param iri          full IRI
 * @param label        human name
 * @param comment      what the class is for, or {@code null}
 * @param superclasses every superclass, nearest first
 * @param subclasses   direct subclasses
 */
public record OntologyClass(String name, String iri, String label, String comment,
                            List<String> superclasses, List<String> subclasses) {
}
