package io.cigraph.ontology;

import java.util.List;

/**
 * A shape's count of a resource's relations ({@code sh:minCount}, {@code sh:maxCount} on a path
 * of object properties), taken out of the shapes that check a file chunk by chunk: a relation may
 * be stated anywhere in a file, so only the whole file can count them. Public because the import
 * counts them as it reads and judges them at the end of each file.
 *
 * @param targetClasses the classes whose instances are counted (subclasses included)
 * @param path          the path's alternatives, each a property in its stored direction or inverse
 * @param minCount      the fewest distinct values, or {@code null}
 * @param maxCount      the most distinct values, or {@code null}
 * @param message       the shape's message
 * @param error         {@code true} for a violation (rejects the file), {@code false} for a warning
 */
public record CardinalityRule(List<String> targetClasses, List<Step> path, Integer minCount, Integer maxCount,
                              String message, boolean error) {

    /** One alternative of a path: a property, followed forwards or (inverse) backwards. */
    public record Step(String property, boolean inverse) {

        @Override
        public String toString() {
            return inverse ? "^" + property : property;
        }
    }

    /** How many distinct values need telling apart: one more than allowed, or as many as required. */
    public int cap() {
        return Math.max(1, Math.max(minCount == null ? 0 : minCount, maxCount == null ? 0 : maxCount + 1));
    }

    /** Whether this many distinct values (counted up to {@link #cap()}) break the rule. */
    public boolean brokenBy(int values) {
        return (minCount != null && values < minCount) || (maxCount != null && values > maxCount);
    }

    /** The path as the shapes' findings name it: a property, {@code ^} for inverse, {@code |} between alternatives. */
    public String pathName() {
        return String.join("|", path.stream().map(Step::toString).toList());
    }
}
