package io.cigraph.ontology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFList;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.engine.ValidationContext;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.shacl.validation.VLib;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.XSD;

/**
 * The loaded ontology: classes, properties, shapes, and the naming of resources. Public because
 * every other feature maps records, labels and relationship types through it.
 */
public final class Ontology {

    private final Model model;
    private final Shapes shapes;
    private final String baseIri;
    private final String vocabIri;
    private final Map<String, OntologyClass> classes;
    private final Map<String, OntologyProperty> properties;
    private final Map<String, OntologyProperty> byRelationshipType;
    private final List<CardinalityRule> cardinalityRules = new ArrayList<>();

    private Ontology(Model model, String baseIri, String vocabIri) {
        this.model = model;
        this.baseIri = baseIri;
        this.vocabIri = vocabIri;
        this.classes = readClasses();
        this.properties = readProperties();
        this.shapes = Shapes.parse(withoutRelationCounts(model.getGraph()));
        Map<String, OntologyProperty> types = new LinkedHashMap<>();
        properties.values().stream().filter(p -> p.objectProperty() && p.forward())
                .forEach(p -> types.put(p.relationshipType(), p));
        this.byRelationshipType = Collections.unmodifiableMap(types);
    }

    /**
     * Reads every {@code *.ttl} file in a folder: OWL and SHACL may be split across files.
     *
     * @throws IllegalStateException when the folder has no Turtle file or a file does not parse
     */
    public static Ontology load(Path dir, String baseIri, String vocabIri) {
        Objects.requireNonNull(dir, "ontology folder is required");
        Objects.requireNonNull(baseIri, "base IRI for resources is required");
        Objects.requireNonNull(vocabIri, "vocabulary IRI is required");
        Model model = ModelFactory.createDefaultModel();
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".ttl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ontology folder " + dir.toAbsolutePath(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("No Turtle (.ttl) file in the ontology folder " + dir.toAbsolutePath());
        }
        for (Path file : files) {
            try {
                RDFDataMgr.read(model, file.toString());
            } catch (RuntimeException e) {
                throw new IllegalStateException("Ontology file " + file + " does not parse: " + e.getMessage(), e);
            }
        }
        return new Ontology(model, baseIri, vocabIri);
    }

    public String baseIri() {
        return baseIri;
    }

    public String vocabIri() {
        return vocabIri;
    }

    /** The id of a resource IRI, or {@code null} when the IRI is not under the base. */
    public String idOf(String iri) {
        if (iri == null || !iri.startsWith(baseIri) || iri.length() == baseIri.length()) {
            return null;
        }
        return iri.substring(baseIri.length());
    }

    public String iriOf(String id) {
        return baseIri + id;
    }

    /** Local name of a term in the vocabulary, or {@code null} when the IRI is not one of ours. */
    public String termOf(String iri) {
        return iri != null && iri.startsWith(vocabIri) ? iri.substring(vocabIri.length()) : null;
    }

    public String termIri(String name) {
        return vocabIri + name;
    }

    public Collection<OntologyClass> classes() {
        return classes.values();
    }

    public Optional<OntologyClass> findClass(String name) {
        return Optional.ofNullable(classes.get(name));
    }

    public Collection<OntologyProperty> properties() {
        return properties.values();
    }

    public Optional<OntologyProperty> findProperty(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    /** The forward object property stored as this Neo4j relationship type. */
    public Optional<OntologyProperty> findByRelationshipType(String type) {
        return Optional.ofNullable(byRelationshipType.get(type));
    }

    /** Every relationship type the graph may hold, in ontology order. */
    public Collection<String> relationshipTypes() {
        return byRelationshipType.keySet();
    }

    /**
     * The classes given plus all their superclasses, most specific first: the Neo4j labels of a
     * node typed with these classes.
     */
    public List<String> withSuperclasses(Collection<String> classNames) {
        Set<String> labels = new LinkedHashSet<>(classNames);
        for (String name : classNames) {
            OntologyClass c = classes.get(name);
            if (c != null) {
                labels.addAll(c.superclasses());
            }
        }
        return List.copyOf(labels);
    }

    /** Whether {@code name} is {@code ancestor} or one of its subclasses. */
    public boolean isA(String name, String ancestor) {
        OntologyClass c = classes.get(name);
        return name.equals(ancestor) || (c != null && c.superclasses().contains(ancestor));
    }

    /** The class hierarchy as triples, to be added to a data graph so that SHACL sees subclasses. */
    public Graph graph() {
        return model.getGraph();
    }

    /**
     * The shapes' counts of relations, which {@link #validate} leaves out: a file states a
     * resource's relations wherever it likes, so they are counted over the whole file.
     */
    public List<CardinalityRule> cardinalityRules() {
        return Collections.unmodifiableList(cardinalityRules);
    }

    /**
     * The shapes graph without the counts of property shapes whose path follows object properties
     * (forwards, inverse, or alternatives of those) on a class of resources; each count becomes a
     * {@link CardinalityRule}. The importer's {@code kg:Statement}s, one a relation with all its
     * annotations at hand, keep their counts.
     */
    private Graph withoutRelationCounts(Graph source) {
        Graph local = org.apache.jena.sparql.graph.GraphFactory.createGraphMem();
        source.find().forEach(local::add);
        Node shProperty = NodeFactory.createURI(SH + "property");
        Node minCount = NodeFactory.createURI(SH + "minCount");
        Node maxCount = NodeFactory.createURI(SH + "maxCount");
        for (Triple t : source.find(Node.ANY, shProperty, Node.ANY).toList()) {
            List<String> targets = source.find(t.getSubject(), NodeFactory.createURI(SH + "targetClass"), Node.ANY).toList()
                    .stream().map(x -> x.getObject().isURI() ? termOf(x.getObject().getURI()) : null).toList();
            Node ps = t.getObject();
            Node min = object(source, ps, minCount);
            Node max = object(source, ps, maxCount);
            List<CardinalityRule.Step> path = relationPath(source, object(source, ps, NodeFactory.createURI(SH + "path")));
            if (targets.isEmpty() || targets.contains(null) || targets.contains("Statement") || path == null
                    || (min == null && max == null)) {
                continue;
            }
            Node message = object(source, ps, NodeFactory.createURI(SH + "message"));
            Node severity = object(source, ps, NodeFactory.createURI(SH + "severity"));
            cardinalityRules.add(new CardinalityRule(targets, path,
                    min == null ? null : ((Number) min.getLiteralValue()).intValue(),
                    max == null ? null : ((Number) max.getLiteralValue()).intValue(),
                    message == null ? "Wrong number of values on " + path : message.getLiteralLexicalForm(),
                    severity == null || severity.getURI().equals(SH + "Violation")));
            local.remove(ps, minCount, Node.ANY);
            local.remove(ps, maxCount, Node.ANY);
        }
        return local;
    }

    private static final String SH = "http://www.w3.org/ns/shacl#";

    private static Node object(Graph g, Node s, Node p) {
        List<Triple> found = g.find(s, p, Node.ANY).toList();
        return found.isEmpty() ? null : found.getFirst().getObject();
    }

    /** A path of object properties as steps, or {@code null} for any other path. */
    private List<CardinalityRule.Step> relationPath(Graph g, Node path) {
        if (path == null) {
            return null;
        }
        if (path.isURI()) {
            OntologyProperty p = properties.get(termOf(path.getURI()));
            return p != null && p.objectProperty() ? List.of(new CardinalityRule.Step(p.name(), false)) : null;
        }
        Node inverse = object(g, path, NodeFactory.createURI(SH + "inversePath"));
        if (inverse != null) {
            List<CardinalityRule.Step> forward = relationPath(g, inverse);
            return forward == null || forward.size() != 1 ? null : List.of(new CardinalityRule.Step(forward.getFirst().property(), true));
        }
        Node alternatives = object(g, path, NodeFactory.createURI(SH + "alternativePath"));
        if (alternatives == null) {
            return null;
        }
        List<CardinalityRule.Step> steps = new ArrayList<>();
        for (Node item = alternatives; item != null && !item.equals(RDF.nil.asNode()); item = object(g, item, RDF.rest.asNode())) {
            List<CardinalityRule.Step> step = relationPath(g, object(g, item, RDF.first.asNode()));
            if (step == null) {
                return null;
            }
            steps.addAll(step);
        }
        return steps.isEmpty() ? null : steps;
    }

    /**
     * Validates a data graph (which must include {@link #graph()} for subclass checks) against the
     * shapes, all but their {@link #cardinalityRules() counts of relations}.
     */
    public List<ShapeViolation> validate(Graph data) {
        return validate(data, node -> true);
    }

    /**
     * Validates a data graph against the shapes, but only the focus nodes that {@code focus}
     * accepts: nodes in the graph only for what they are (the classes of resources a file points
     * at) are left alone, which saves checking, and reporting, what is known to be incomplete.
     */
    public List<ShapeViolation> validate(Graph data, Predicate<Node> focus) {
        ValidationContext context = ValidationContext.create(shapes, data);
        for (Shape shape : shapes.getTargetShapes()) {
            for (Node node : VLib.focusNodes(data, shape)) {
                if (focus.test(node)) {
                    VLib.validateShape(context, data, shape, node);
                }
            }
        }
        List<ShapeViolation> found = new ArrayList<>();
        for (ReportEntry entry : context.generateReport().getEntries()) {
            found.add(new ShapeViolation(
                    render(entry.focusNode()),
                    entry.resultPath() == null ? null : entry.resultPath().toString(),
                    entry.value() == null ? null : render(entry.value()),
                    entry.message(),
                    !Severity.Warning.equals(entry.severity()) && !Severity.Info.equals(entry.severity())));
        }
        return found;
    }

    private static String render(Node node) {
        if (node.isURI()) {
            return node.getURI();
        }
        if (node.isLiteral()) {
            return node.getLiteralLexicalForm();
        }
        return node.toString();
    }

    // ------------------------------------------------------------------------------------------

    private Map<String, OntologyClass> readClasses() {
        Map<String, List<String>> parents = new LinkedHashMap<>();
        Map<String, List<String>> children = new LinkedHashMap<>();
        List<Resource> declared = model.listResourcesWithProperty(RDF.type, OWL.Class).toList().stream()
                .filter(r -> r.isURIResource() && termOf(r.getURI()) != null)
                .sorted(Comparator.comparing(Resource::getURI)).toList();
        for (Resource c : declared) {
            String name = termOf(c.getURI());
            List<String> direct = c.listProperties(RDFS.subClassOf).toList().stream()
                    .map(Statement::getObject).filter(RDFNode::isURIResource)
                    .map(o -> termOf(o.asResource().getURI())).filter(Objects::nonNull).toList();
            parents.put(name, direct);
            direct.forEach(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(name));
        }
        Map<String, OntologyClass> result = new LinkedHashMap<>();
        for (Resource c : declared) {
            String name = termOf(c.getURI());
            result.put(name, new OntologyClass(name, c.getURI(), text(c, RDFS.label, name), text(c, RDFS.comment, null),
                    ancestors(name, parents), List.copyOf(children.getOrDefault(name, List.of()))));
        }
        return Collections.unmodifiableMap(result);
    }

    private static List<String> ancestors(String start, Map<String, List<String>> parents) {
        Set<String> seen = new LinkedHashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>(parents.getOrDefault(start, List.of()));
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (seen.add(next)) {
                queue.addAll(parents.getOrDefault(next, List.of()));
            }
        }
        return List.copyOf(seen);
    }

    private Map<String, OntologyProperty> readProperties() {
        Map<String, String> inverseOf = new LinkedHashMap<>();
        Set<String> inverseOnly = new LinkedHashSet<>();
        model.listStatements(null, OWL.inverseOf, (RDFNode) null).forEach(s -> {
            String p = termOf(s.getSubject().getURI());
            String q = termOf(s.getObject().asResource().getURI());
            inverseOf.put(p, q);
            inverseOf.putIfAbsent(q, p);
            if (!p.equals(q)) {
                inverseOnly.add(q);
            }
        });
        Map<String, List<String>> parents = new LinkedHashMap<>();
        List<Resource> declared = Stream.concat(
                        model.listResourcesWithProperty(RDF.type, OWL.ObjectProperty).toList().stream(),
                        model.listResourcesWithProperty(RDF.type, OWL.DatatypeProperty).toList().stream())
                .filter(r -> termOf(r.getURI()) != null).distinct()
                .sorted(Comparator.comparing(Resource::getURI)).toList();
        for (Resource p : declared) {
            parents.put(termOf(p.getURI()), p.listProperties(RDFS.subPropertyOf).toList().stream()
                    .map(s -> termOf(s.getObject().asResource().getURI())).filter(Objects::nonNull).toList());
        }
        Map<String, OntologyProperty> result = new LinkedHashMap<>();
        for (Resource p : declared) {
            String name = termOf(p.getURI());
            boolean object = p.hasProperty(RDF.type, OWL.ObjectProperty);
            List<String> supers = ancestors(name, parents);
            boolean relation = object && (name.equals("relatedTo") || supers.contains("relatedTo"));
            result.put(name, new OntologyProperty(name, p.getURI(), text(p, RDFS.label, name), text(p, RDFS.comment, null),
                    object, classList(p.getPropertyResourceValue(RDFS.domain)),
                    classList(p.getPropertyResourceValue(RDFS.range)), inverseOf.get(name),
                    !inverseOnly.contains(name), supers, p.hasProperty(RDF.type, OWL.SymmetricProperty), relation,
                    OntologyProperty.relationshipTypeOf(name), unitOf(p)));
        }
        List<OntologyProperty> sorted = new ArrayList<>(result.values());
        sorted.sort(Comparator.comparing(OntologyProperty::objectProperty).reversed());
        Map<String, OntologyProperty> ordered = new LinkedHashMap<>();
        sorted.forEach(p -> ordered.put(p.name(), p));
        return Collections.unmodifiableMap(ordered);
    }

    private List<String> classList(Resource r) {
        if (r == null) {
            return List.of();
        }
        if (r.isURIResource()) {
            String term = termOf(r.getURI());
            if (term != null) {
                return List.of(term);
            }
            return r.getURI().startsWith(XSD.NS) ? List.of("xsd:" + r.getLocalName()) : List.of(r.getURI());
        }
        Resource union = r.getPropertyResourceValue(OWL.unionOf);
        if (union == null) {
            return List.of();
        }
        return union.as(RDFList.class).asJavaList().stream()
                .map(n -> termOf(n.asResource().getURI())).filter(Objects::nonNull).toList();
    }

    /** The {@code kg:unit} annotation of a property, as text, or {@code null}. */
    private String unitOf(Resource p) {
        org.apache.jena.rdf.model.Statement unit = p.getProperty(p.getModel().createProperty(termIri("unit")));
        return unit == null ? null : unit.getObject().isLiteral() ? unit.getString() : unit.getObject().toString();
    }

    private static String text(Resource r, org.apache.jena.rdf.model.Property p, String fallback) {
        Statement s = r.getProperty(p, "en");
        if (s == null) {
            s = r.getProperty(p);
        }
        return s == null ? fallback : s.getString();
    }
}
