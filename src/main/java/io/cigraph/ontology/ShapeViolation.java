package io.cigraph.ontology;

/**
 * One finding of the SHACL validator, in plain words.
 *
 * @param focusNode the resource the finding is about (IRI or blank-node label)
 * @param path      the property involved, or {@code null} for a finding about the node itself
 * @param value     the offending value, or {@code null}
 * @param message   the shape's {@code sh:message}, or the validator's own wording
 * @param error     {@code true} for a violation (rejects the file), {@code false} for a warning
 */
public record ShapeViolation(String focusNode, String path, String value, String message, boolean error) {
}
