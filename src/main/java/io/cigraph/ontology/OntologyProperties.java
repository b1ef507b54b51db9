package io.cigraph.ontology;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the ontology lives and how resources are named.
 *
 * @param dir        folder of Turtle files: OWL classes and properties plus SHACL shapes
 * @param extensions files or folders of Turtle files loaded after the core, in order: the
 *                   user's own classes, properties and shapes (a missing folder is skipped)
 * @param baseIri  every resource's IRI is this base followed by its id
 * @param vocabIri namespace of the ontology's own terms (prefix {@code kg:})
 */
@ConfigurationProperties("cigraph.ontology")
record OntologyProperties(
        @DefaultValue("ontology") Path dir,
        @DefaultValue("ontology/ext") List<Path> extensions,
        @DefaultValue("https://w3id.org/cigraph/id/") String baseIri,
        @DefaultValue("https://w3id.org/cigraph/ontology#") String vocabIri) {
}
