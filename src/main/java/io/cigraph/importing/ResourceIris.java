package io.cigraph.importing;

import java.util.regex.Pattern;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;

/**
 * Resource IRIs are the base followed by an id, exactly. The parser resolves every IRI (RFC 3986),
 * which removes dot segments: {@code res:huawei/../harmonyos} would silently become
 * {@code res:harmonyos} and add to another entity. So an IRI under the base is refused as written
 * when it has dot segments, more than one path segment after the base, percent-encoding (which
 * can hide either), a query or a fragment. Whether the rest is a well-formed slug is the record
 * mapper's check.
 */
final class ResourceIris {

    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$|[?#])");

    private ResourceIris() {
    }

    /** Why an IRI (as written, and as resolved) cannot name a resource, or {@code null} when it is fine or not ours. */
    static String problem(String written, String resolved, String base) {
        if (!resolved.startsWith(base) && !written.startsWith(base)) {
            return null;
        }
        String why;
        if (DOT_SEGMENT.matcher(written).find()) {
            why = "has '.' or '..' path segments, which would make it " + (resolved.equals(written) ? "another IRI" : "<" + resolved + ">");
        } else if (!resolved.startsWith(base)) {
            return null;
        } else {
            String id = resolved.substring(base.length());
            if (id.indexOf('?') >= 0 || id.indexOf('#') >= 0) {
                why = "has a query or fragment";
            } else if (id.indexOf('%') >= 0) {
                why = "has percent-encoded characters";
            } else if (id.indexOf('/') >= 0) {
                why = "has more than one path segment after the base";
            } else {
                return null;
            }
        }
        return "The resource IRI <" + written + "> " + why + ": a resource is named by the base " + base
                + " followed by its id and nothing else, such as res:harmonyos-4.";
    }

    /** The id of a resource IRI that is fine, or {@code null}. */
    static String idOf(String iri, String base) {
        return iri.startsWith(base) && iri.length() > base.length() && problem(iri, iri, base) == null
                ? iri.substring(base.length()) : null;
    }

    /** How a predicate is named in problems: its local name, as the ontology names its terms. */
    static String fieldOf(Node predicate) {
        if (!predicate.isURI()) {
            return null;
        }
        if (predicate.equals(RDF.type.asNode())) {
            return "rdf:type";
        }
        String iri = predicate.getURI();
        return iri.substring(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
    }
}
