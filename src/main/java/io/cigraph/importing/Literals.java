package io.cigraph.importing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;

/**
 * RDF literals as the Java values the stores keep. A literal that does not fit its datatype stays
 * text here: the shapes report it, so the file is rejected before anything is stored.
 */
final class Literals {

    private static final Set<String> WHOLE = Set.of(XSDDatatype.XSDinteger.getURI(), XSDDatatype.XSDint.getURI(),
            XSDDatatype.XSDlong.getURI(), XSDDatatype.XSDshort.getURI(), XSDDatatype.XSDnonNegativeInteger.getURI(),
            XSDDatatype.XSDpositiveInteger.getURI());
    private static final Set<String> DECIMAL = Set.of(XSDDatatype.XSDdecimal.getURI(), XSDDatatype.XSDdouble.getURI(),
            XSDDatatype.XSDfloat.getURI());

    private Literals() {
    }

    static Object value(Node literal) {
        String type = literal.getLiteralDatatypeURI();
        String lexical = literal.getLiteralLexicalForm();
        try {
            if (WHOLE.contains(type)) {
                return Long.parseLong(lexical.trim());
            }
            if (DECIMAL.contains(type)) {
                return Double.parseDouble(lexical.trim());
            }
            if (XSDDatatype.XSDboolean.getURI().equals(type)) {
                return Boolean.parseBoolean(lexical.trim());
            }
            if (XSDDatatype.XSDdate.getURI().equals(type)) {
                return LocalDate.parse(lexical.trim());
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return lexical;
        }
        return lexical;
    }

    /** Adds a value; a property stated more than once becomes a list, in file order. */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> properties, String name, Node literal) {
        Object value = value(literal);
        Object existing = properties.get(name);
        if (existing == null) {
            properties.put(name, value);
        } else if (existing instanceof List<?> list) {
            ((List<Object>) list).add(value);
        } else {
            List<Object> list = new ArrayList<>();
            list.add(existing);
            list.add(value);
            properties.put(name, list);
        }
    }

    static Double number(Node literal) {
        return literal != null && literal.isLiteral() && value(literal) instanceof Number n ? n.doubleValue() : null;
    }

    static LocalDate date(Node literal) {
        return literal != null && literal.isLiteral() && value(literal) instanceof LocalDate d ? d : null;
    }
}
