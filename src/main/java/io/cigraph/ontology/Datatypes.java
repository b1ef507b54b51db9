package io.cigraph.ontology;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;

/**
 * The literals a datatype property's {@code rdfs:range} accepts. Numbers are what matter most: a
 * quantity stated as {@code "8 GB"} would be text in every store, and {@code >= 8} would quietly
 * miss it, so any number type is taken for a numeric range (the stores compare them as numbers)
 * and nothing else is.
 */
final class Datatypes {

    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    private static final String SH = "http://www.w3.org/ns/shacl#";
    private static final Set<String> WHOLE = Set.of("integer", "int", "long", "short", "byte", "nonNegativeInteger",
            "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort");
    private static final Set<String> NUMBER = Set.of("decimal", "double", "float");
    private static final Map<String, String> EXAMPLES = Map.of(
            "date", "\"2023-09-25\"^^xsd:date",
            "gYear", "\"2023\"^^xsd:gYear",
            "anyURI", "\"https://example.org/\"^^xsd:anyURI",
            "boolean", "true",
            "string", "\"text\"");

    private Datatypes() {
    }

    /** Why the literal does not fit the property's range, or {@code null}. */
    static String problem(OntologyProperty property, Node literal) {
        String range = property.range().getFirst();
        if (!range.startsWith("xsd:") || !literal.isLiteral()) {
            return null;
        }
        String wanted = range.substring(4);
        String given = literal.getLiteralDatatypeURI();
        String givenName = given.startsWith(XSD) ? given.substring(XSD.length()) : given;
        boolean fits;
        if (WHOLE.contains(wanted)) {
            fits = WHOLE.contains(givenName) && literal.getLiteralDatatype().isValid(literal.getLiteralLexicalForm());
        } else if (NUMBER.contains(wanted)) {
            fits = (WHOLE.contains(givenName) || NUMBER.contains(givenName))
                    && literal.getLiteralDatatype().isValid(literal.getLiteralLexicalForm());
        } else if ("string".equals(wanted)) {
            fits = XSDDatatype.XSDstring.getURI().equals(given) || RDF.langString.getURI().equals(given);
        } else {
            fits = (XSD + wanted).equals(given) && literal.getLiteralDatatype().isValid(literal.getLiteralLexicalForm());
        }
        if (fits) {
            return null;
        }
        String example = WHOLE.contains(wanted) ? "a whole number such as 8"
                : NUMBER.contains(wanted) ? "a number such as 8 or 6.7"
                : EXAMPLES.getOrDefault(wanted, "an xsd:" + wanted + " literal");
        String unit = property.unit() == null ? "" : " in " + property.unit();
        return "'" + property.name() + "' takes " + range + " values" + unit + ", " + example + ", not "
                + NodeFactory.createLiteralDT(literal.getLiteralLexicalForm(), literal.getLiteralDatatype())
                        .toString().replace(XSD, "xsd:")
                + (NUMBER.contains(wanted) || WHOLE.contains(wanted) ? ": write the number alone, the unit is the property's." : ".");
    }

    /** IRIs of the properties that a property shape already gives a datatype ({@code sh:datatype} or {@code sh:or}). */
    static Set<String> checkedByShapes(Graph g) {
        Node path = NodeFactory.createURI(SH + "path");
        Set<String> checked = new HashSet<>();
        for (Triple t : g.find(Node.ANY, path, Node.ANY).toList()) {
            if (t.getObject().isURI() && List.of("datatype", "or").stream().anyMatch(
                    k -> g.contains(t.getSubject(), NodeFactory.createURI(SH + k), Node.ANY))) {
                checked.add(t.getObject().getURI());
            }
        }
        return checked;
    }
}
