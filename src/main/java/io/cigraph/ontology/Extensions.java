package io.cigraph.ontology;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFList;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;

/**
 * Checks user extensions against the core ontology before they are merged. An extension may add
 * classes, properties and shapes, and labels, comments or aliases to core terms (a translation,
 * say); it may not change what a core term is or means. That keeps every store's reading of data
 * already imported valid: the labels and superclasses written into Neo4j and the inferences in
 * TDB2 follow from the core alone, so adding an extension never leaves them stale.
 */
final class Extensions {

    /** Keys the property graph uses on every node: a datatype property of that name would overwrite them. */
    private static final Set<String> RESERVED = Set.of("id", "iri", "label", "description", "aliases",
            "aliasLanguages", "types", "batch");
    private static final Set<Property> ANNOTATIONS = Set.of(RDFS.label, RDFS.comment, SKOS.altLabel, SKOS.definition);

    private final Model core;
    private final String vocabIri;
    private final Model merged = ModelFactory.createDefaultModel();
    private final Map<Resource, Path> declaredIn = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    Extensions(Model core, String vocabIri) {
        // A copy: the caller merges each extension into its model once it is checked.
        this.core = ModelFactory.createDefaultModel().add(core).setNsPrefixes(core.getNsPrefixMap());
        this.vocabIri = vocabIri;
        merged.add(core);
    }

    /** Checks one extension's statements about core terms and notes the terms it declares. */
    void add(Path file, Model extension) {
        Resource linkProperty = core.createResource(vocabIri + "LinkProperty");
        for (Statement s : extension.listStatements().toList()) {
            Resource subject = s.getSubject();
            if (!subject.isURIResource() || core.contains(s)) {
                continue;
            }
            if (isCore(subject)) {
                if (!(ANNOTATIONS.contains(s.getPredicate()) && s.getObject().isLiteral())) {
                    problems.add(file + ": changes the core term " + name(subject) + " (" + name(s.getPredicate()) + " "
                            + name(s.getObject()) + ")" + cycleNote(s)
                            + "; an extension may add labels and comments to core terms, not change them: declare a new"
                            + " subclass or sub-property instead.");
                }
                continue;
            }
            if (s.getPredicate().equals(RDF.type) && (s.getObject().equals(OWL.Class) || s.getObject().equals(OWL.ObjectProperty)
                    || s.getObject().equals(OWL.DatatypeProperty) || s.getObject().equals(linkProperty))) {
                declaredIn.putIfAbsent(subject, file);
                if (!s.getObject().equals(linkProperty) && !subject.getURI().startsWith(vocabIri)) {
                    problems.add(file + ": " + subject.getURI() + " is outside the vocabulary " + vocabIri
                            + "; name it kg:" + subject.getLocalName() + " (only a kg:LinkProperty keeps an IRI of another vocabulary).");
                }
            }
        }
        merged.add(extension);
    }

    /** Checks the merged terms; throws with every problem found, naming file and term. */
    void verify() {
        Set<String> names = new LinkedHashSet<>();
        core.listSubjects().forEach(r -> {
            if (r.isURIResource() && r.getURI().startsWith(vocabIri)) {
                names.add(r.getLocalName());
            }
        });
        for (Map.Entry<Resource, Path> e : declaredIn.entrySet()) {
            Resource term = merged.getResource(e.getKey().getURI());
            Path file = e.getValue();
            boolean isClass = term.hasProperty(RDF.type, OWL.Class);
            boolean object = term.hasProperty(RDF.type, OWL.ObjectProperty);
            boolean datatype = term.hasProperty(RDF.type, OWL.DatatypeProperty);
            if (object && datatype) {
                problems.add(file + ": " + name(term) + " is declared both an object property (links resources) and a"
                        + " datatype property (holds literals); pick one.");
            }
            if (isClass && (object || datatype)) {
                problems.add(file + ": " + name(term) + " is declared both a class and a property; give each its own name.");
            }
            if (isClass && "ImportBatch".equals(term.getLocalName())) {
                problems.add(file + ": the class name ImportBatch is the property graph's label for its import ledger; choose another name.");
            }
            if (!isClass && RESERVED.contains(term.getLocalName())) {
                problems.add(file + ": the property name " + term.getLocalName() + " is reserved for every resource's "
                        + term.getLocalName() + "; choose another name.");
            }
            if (!term.getURI().startsWith(vocabIri) && names.contains(term.getLocalName())) {
                problems.add(file + ": " + term.getURI() + " has the same name as kg:" + term.getLocalName()
                        + ", and the property graph knows properties by name; declare another link property.");
            }
            for (Statement s : term.listProperties(RDFS.subClassOf).toList()) {
                checkClass(file, term, "superclass", s.getObject());
            }
            for (Statement s : term.listProperties(RDFS.subPropertyOf).toList()) {
                Resource sup = s.getObject().isResource() ? s.getObject().asResource() : null;
                if (sup == null || !(sup.hasProperty(RDF.type, object ? OWL.ObjectProperty : OWL.DatatypeProperty))) {
                    problems.add(file + ": " + name(term) + " has the unknown super-property " + name(s.getObject())
                            + "; a super-property must be declared, of the same kind, in the core or an extension.");
                }
            }
            if (object || datatype) {
                for (Statement s : term.listProperties(RDFS.domain).toList()) {
                    checkClass(file, term, "domain", s.getObject());
                }
            }
            for (Statement s : term.listProperties(RDFS.range).toList()) {
                if (object) {
                    checkClass(file, term, "range", s.getObject());
                } else if (datatype && !(s.getObject().isURIResource()
                        && (s.getObject().asResource().getURI().startsWith("http://www.w3.org/2001/XMLSchema#")
                        || s.getObject().equals(RDF.langString)))) {
                    problems.add(file + ": the datatype property " + name(term) + " has the range " + name(s.getObject())
                            + ", which is not a datatype; use one such as xsd:string, xsd:decimal or xsd:date.");
                }
            }
        }
        for (Resource c : merged.listResourcesWithProperty(RDF.type, OWL.Class).toList()) {
            if (c.isURIResource() && declaredIn.containsKey(c) && reaches(c, c)) {
                problems.add(declaredIn.get(c) + ": " + name(c) + " is its own superclass (a cycle of rdfs:subClassOf).");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The ontology extensions contradict the core ontology:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private void checkClass(Path file, Resource term, String role, RDFNode value) {
        List<RDFNode> members = new ArrayList<>();
        Resource union = value.isAnon() ? value.asResource().getPropertyResourceValue(OWL.unionOf) : null;
        if (union != null) {
            members.addAll(union.as(RDFList.class).asJavaList());
        } else {
            members.add(value);
        }
        for (RDFNode m : members) {
            if (!(m.isURIResource() && merged.contains(m.asResource(), RDF.type, OWL.Class))) {
                problems.add(file + ": " + name(term) + " has the unknown " + role + " " + name(m)
                        + "; it must be a class (owl:Class) of the core ontology or an extension.");
            }
        }
    }

    /** Whether {@code target} is a superclass of {@code from}, through any number of steps. */
    private boolean reaches(Resource from, Resource target) {
        Set<Resource> seen = new LinkedHashSet<>();
        ArrayDeque<Resource> queue = new ArrayDeque<>(parents(from));
        while (!queue.isEmpty()) {
            Resource next = queue.poll();
            if (next.equals(target)) {
                return true;
            }
            if (seen.add(next)) {
                queue.addAll(parents(next));
            }
        }
        return false;
    }

    private List<Resource> parents(Resource c) {
        return merged.listObjectsOfProperty(c, RDFS.subClassOf).toList().stream()
                .filter(RDFNode::isURIResource).map(RDFNode::asResource).toList();
    }

    private String cycleNote(Statement s) {
        if (s.getPredicate().equals(RDFS.subClassOf) && s.getObject().isURIResource()) {
            Resource sup = merged.getResource(s.getObject().asResource().getURI());
            Resource sub = merged.getResource(s.getSubject().getURI());
            if (reaches(sup, sub)) {
                return ", which makes it a subclass of its own subclass";
            }
        }
        return "";
    }

    private boolean isCore(Resource r) {
        return core.contains(r, null, (RDFNode) null);
    }

    private String name(RDFNode n) {
        if (n.isURIResource()) {
            String iri = n.asResource().getURI();
            if (iri.startsWith(vocabIri)) {
                return "kg:" + iri.substring(vocabIri.length());
            }
            String prefixed = core.shortForm(iri);
            return prefixed.equals(iri) ? "<" + iri + ">" : prefixed;
        }
        return n.isLiteral() ? "\"" + n.asLiteral().getLexicalForm() + "\"" : "a blank node";
    }
}
