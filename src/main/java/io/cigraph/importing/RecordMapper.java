package io.cigraph.importing;

import io.cigraph.model.Alias;
import io.cigraph.model.Provenance;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyProperty;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;

/**
 * Turns a parsed file into canonical records, and checks what the shapes cannot see from the
 * file alone: names under the base, terms the ontology declares, and references to resources
 * that exist neither in the file nor in the graph. Relations stated with an inverse property are
 * turned round to the forward property, so each fact is stored once.
 */
final class RecordMapper {

    static final Node REIFIES = NodeFactory.createURI(RDF.getURI() + "reifies");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> PROVENANCE = Set.of("source", "evidence", "confidence", "validFrom", "validTo");

    private final Ontology ontology;
    private final String file;
    private final TurtleFile turtle;
    private final Function<Collection<String>, Map<String, List<String>>> typesInGraph;
    private final List<ImportProblem> problems = new ArrayList<>();
    private final List<Triple> unknownTargets = new ArrayList<>();

    /** Mapped records, plus what the shape check needs to validate them and point back at lines. */
    record Mapped(List<ResourceRecord> resources, List<RelationRecord> relations, Graph data,
                  Map<Node, RelationRecord> statements, Map<String, List<String>> external, List<SameAs> sameAs) {
    }

    /** {@code res:id owl:sameAs res:target}: the import writes {@code id} onto {@code target}. */
    record SameAs(String id, String target, long line) {
    }

    RecordMapper(Ontology ontology, String file, TurtleFile turtle,
                 Function<Collection<String>, Map<String, List<String>>> typesInGraph) {
        this.ontology = ontology;
        this.file = file;
        this.turtle = turtle;
        this.typesInGraph = typesInGraph;
    }

    List<ImportProblem> problems() {
        return problems;
    }

    Mapped map() {
        ProvenanceForms forms = ProvenanceForms.normalize(ontology, file, turtle);
        problems.addAll(forms.problems());
        Graph source = turtle.graph();
        Map<Node, Triple> reifiers = new LinkedHashMap<>();
        source.find(Node.ANY, REIFIES, Node.ANY).forEach(t -> {
            if (t.getObject().isTripleTerm()) {
                reifiers.put(t.getSubject(), forward(t.getObject().getTriple()));
            }
        });
        Graph data = GraphFactory.createGraphMem();
        Map<Triple, Triple> original = new HashMap<>();
        source.find().forEach(t -> {
            if (!reifiers.containsKey(t.getSubject())) {
                Triple f = forward(t);
                data.add(f);
                original.putIfAbsent(f, t);
            }
        });
        Map<Triple, Provenance> provenance = new HashMap<>();
        Map<Triple, Node> reifierOf = new HashMap<>();
        reifiers.forEach((reifier, triple) -> {
            Triple asserted = data.contains(triple) ? triple : null;
            if (asserted == null) {
                problem(lineOfSubject(source, reifier), id(triple.getSubject()), name(triple.getPredicate()),
                        "An annotation {| ... |} describes a relation that the file does not state; state the relation itself.");
            } else {
                provenance.putIfAbsent(triple, provenanceOf(source, reifier));
                reifierOf.putIfAbsent(triple, reifier);
            }
        });

        Map<String, Node> subjects = new LinkedHashMap<>();
        data.find().forEach(t -> {
            if (t.getSubject().isBlank()) {
                problem(line(original.get(t)), null, name(t.getPredicate()),
                        "A resource must be named with an IRI under " + ontology.baseIri() + ", not a blank node.");
            } else if (t.getSubject().isURI()) {
                subjects.putIfAbsent(t.getSubject().getURI(), t.getSubject());
            }
        });
        // Everything the file points at, relation annotations included (a quote may cite a source
        // that an earlier file described): the shapes need the types of those that are not here.
        Set<String> referenced = new LinkedHashSet<>();
        // The relations turned forwards too: 'x developedBy y' points at x when x is not described here.
        for (Graph g : List.of(source, data)) {
            g.find(Node.ANY, Node.ANY, Node.ANY).forEach(t -> {
                OntologyProperty p = property(t.getPredicate());
                boolean link = (p != null && p.objectProperty()) || t.getPredicate().equals(OWL.sameAs.asNode());
                if (link && t.getObject().isURI() && ontology.idOf(t.getObject().getURI()) != null) {
                    referenced.add(ontology.idOf(t.getObject().getURI()));
                }
            });
        }
        Map<String, List<String>> fileTypes = new HashMap<>();
        subjects.values().forEach(s -> fileTypes.put(s.getURI(), typesIn(data, s)));
        List<String> lookup = new ArrayList<>();
        for (String iri : subjects.keySet()) {
            String id = ontology.idOf(iri);
            if (id != null && fileTypes.get(iri).isEmpty()) {
                lookup.add(id);
            }
        }
        for (String id : referenced) {
            List<String> declared = fileTypes.get(ontology.iriOf(id));
            if (declared == null || declared.isEmpty()) {
                lookup.add(id);
            }
        }
        Map<String, List<String>> external = lookup.isEmpty() ? Map.of() : typesInGraph.apply(lookup);
        checkGraphSources(forms.graphSources(), reifiers, fileTypes, external);

        List<ResourceRecord> resources = new ArrayList<>();
        List<RelationRecord> relations = new ArrayList<>();
        Map<Node, RelationRecord> statements = new LinkedHashMap<>();
        List<SameAs> sameAs = new ArrayList<>();
        for (Node subject : subjects.values()) {
            String id = ontology.idOf(subject.getURI());
            List<Triple> own = data.find(subject, Node.ANY, Node.ANY).toList();
            long firstLine = own.stream().mapToLong(t -> line(original.get(t))).filter(l -> l > 0).min().orElse(0);
            if (id == null) {
                problem(firstLine, subject.getURI(), null,
                        "The IRI " + subject.getURI() + " is not under the base " + ontology.baseIri() + "; name resources res:<id>.");
                continue;
            }
            if (!SLUG.matcher(id).matches()) {
                problem(firstLine, id, null, "The id '" + id + "' is not a slug: use lowercase letters, digits and single hyphens, such as huawei-watch-gt-4.");
            }
            List<String> types = fileTypes.get(subject.getURI());
            boolean described = !types.isEmpty();
            boolean statesType = data.contains(subject, RDF.type.asNode(), Node.ANY);
            if (!described && !statesType && !external.containsKey(id)) {
                problem(firstLine, id, "rdf:type", "'" + id + "' has no type and is not in the graph yet: say what it is, such as 'res:" + id + " a kg:Vendor'.");
            }
            String label = null;
            String description = null;
            List<Alias> aliases = new ArrayList<>();
            Map<String, Object> properties = new LinkedHashMap<>();
            for (Triple t : own) {
                long line = line(original.get(t));
                Node p = t.getPredicate();
                Node o = t.getObject();
                if (p.equals(RDF.type.asNode())) {
                    if (!o.isURI() || ontology.termOf(o.getURI()) == null || ontology.findClass(ontology.termOf(o.getURI())).isEmpty()) {
                        problem(line, id, "rdf:type", "The class " + o + " is not in the ontology; see GET /api/ontology for the classes.");
                    }
                } else if (p.equals(RDFS.label.asNode()) && o.isLiteral()) {
                    label = o.getLiteralLexicalForm();
                } else if (p.equals(SKOS.altLabel.asNode()) && o.isLiteral()) {
                    if (!o.getLiteralLanguage().isEmpty()) {
                        aliases.add(new Alias(o.getLiteralLexicalForm(), o.getLiteralLanguage()));
                    }
                } else if (p.equals(DCTerms.description.asNode()) && o.isLiteral()) {
                    description = o.getLiteralLexicalForm();
                } else if (p.equals(OWL.sameAs.asNode()) && o.isURI() && ontology.idOf(o.getURI()) != null) {
                    // To one of our own resources: not a link to another knowledge base but "merge these".
                    SameAs same = sameAs(id, t, line, external, fileTypes);
                    if (same != null) {
                        sameAs.add(same);
                    }
                } else if (p.equals(RDFS.label.asNode()) || p.equals(SKOS.altLabel.asNode()) || p.equals(DCTerms.description.asNode())) {
                    problem(line, id, name(p), "A name, alias or description is text in quotes, not a resource.");
                } else {
                    OntologyProperty property = property(p);
                    if (property == null) {
                        problem(line, id, name(p), "The property " + p + " is not in the ontology; see GET /api/ontology for the properties.");
                    } else if (property.objectProperty()) {
                        RelationRecord r = relation(id, property, t, line, external, fileTypes, provenance);
                        if (r != null) {
                            relations.add(r);
                            if (property.relation()) {
                                statements.put(reifierOf.getOrDefault(t, NodeFactory.createBlankNode()), r);
                            }
                        }
                    } else if (property.link()) {
                        link(id, property, o, line, properties);
                    } else if (!o.isLiteral()) {
                        problem(line, id, property.name(), "'" + property.name() + "' takes a value in quotes, not a resource.");
                    } else {
                        String wrong = ontology.literalProblem(property, o);
                        if (wrong != null) {
                            problem(line, id, property.name(), wrong);
                        } else {
                            Literals.put(properties, property.name(), o);
                        }
                    }
                }
            }
            if (!described && external.containsKey(id) && (label != null || description != null || !aliases.isEmpty() || !properties.isEmpty())) {
                problem(firstLine, id, null, "'" + id + "' is already in the graph; to change its name or properties, restate it whole with its type.");
            }
            if (described) {
                resources.add(new ResourceRecord(id, subject.getURI(), types, label, aliases, description, properties, firstLine));
            }
        }
        // Already reported as unknown: the shapes would only repeat it as a wrong range.
        unknownTargets.forEach(data::delete);
        // Not a fact about the entity but an instruction to the import: the shapes have nothing to say about it.
        data.find(Node.ANY, OWL.sameAs.asNode(), Node.ANY)
                .filterKeep(t -> t.getObject().isURI() && ontology.idOf(t.getObject().getURI()) != null).toList().forEach(data::delete);
        Graph check = ShapeCheck.validationGraph(ontology, data, reifiers, source, statements, external);
        return new Mapped(resources, relations, check, statements, external, sameAs);
    }

    private SameAs sameAs(String id, Triple t, long line, Map<String, List<String>> external, Map<String, List<String>> fileTypes) {
        Node o = t.getObject();
        String target = ontology.idOf(o.getURI());
        List<String> declared = fileTypes.get(o.getURI());
        if ((declared == null || declared.isEmpty()) && !external.containsKey(target)) {
            problem(line, id, "owl:sameAs", "owl:sameAs names unknown entity '" + target
                    + "': name an entity of the graph or of this file, such as res:huawei.");
            return null;
        }
        if (target.equals(id)) {
            problem(line, id, "owl:sameAs", "'" + id + "' is said to be the same as itself: name the other entity.");
            return null;
        }
        return new SameAs(id, target, line);
    }

    /**
     * A link to another knowledge base: kept as the IRI's text, which the RDF store turns back
     * into the IRI. One of our own resources is a relation's business, with its provenance.
     */
    private void link(String id, OntologyProperty property, Node o, long line, Map<String, Object> properties) {
        if (!o.isURI() || !(o.getURI().startsWith("http://") || o.getURI().startsWith("https://"))) {
            problem(line, id, property.name(), "'" + property.name() + "' takes the http(s) IRI of a thing in another knowledge base,"
                    + " such as <http://www.wikidata.org/entity/Q160120>, not " + o + ".");
        } else if (ontology.idOf(o.getURI()) != null || o.getURI().startsWith(ontology.baseIri())) {
            problem(line, id, property.name(), "'" + property.name() + "' links to other knowledge bases; to link '"
                    + id + "' to a resource of this graph, use a relation such as kg:relatedTo, with its source.");
        } else {
            Literals.put(properties, property.name(), NodeFactory.createLiteralString(o.getURI()));
        }
    }

    private RelationRecord relation(String id, OntologyProperty property, Triple t, long line,
                                    Map<String, List<String>> external, Map<String, List<String>> fileTypes,
                                    Map<Triple, Provenance> provenance) {
        Node o = t.getObject();
        String objectId = o.isURI() ? ontology.idOf(o.getURI()) : null;
        if (objectId == null) {
            problem(line, id, property.name(), "'" + property.name() + "' links to a resource under " + ontology.baseIri() + ", not to " + o + ".");
            return null;
        }
        List<String> declared = fileTypes.get(o.getURI());
        if ((declared == null || declared.isEmpty()) && !external.containsKey(objectId)) {
            problem(line, id, property.name(), "Relation to unknown entity '" + objectId + "': it is neither described in this file nor in the graph.");
            unknownTargets.add(t);
            return null;
        }
        Provenance p = property.relation() ? provenance.getOrDefault(t, Provenance.NONE) : Provenance.NONE;
        return new RelationRecord(id, property.name(), objectId, p, line);
    }

    private Provenance provenanceOf(Graph source, Node reifier) {
        Map<String, Node> values = new HashMap<>();
        source.find(reifier, Node.ANY, Node.ANY).forEach(t -> {
            if (t.getPredicate().equals(REIFIES)) {
                return;
            }
            String term = t.getPredicate().isURI() ? ontology.termOf(t.getPredicate().getURI()) : null;
            if (term == null || !PROVENANCE.contains(term)) {
                problem(turtle.lineOf(t), null, name(t.getPredicate()),
                        "An annotation {| ... |} takes kg:source, kg:evidence, kg:confidence, kg:validFrom and kg:validTo only.");
            } else {
                values.putIfAbsent(term, t.getObject());
            }
        });
        Node source1 = values.get("source");
        return new Provenance(
                source1 != null && source1.isURI() ? ontology.idOf(source1.getURI()) : null,
                values.containsKey("evidence") ? values.get("evidence").getLiteralLexicalForm() : null,
                Literals.number(values.get("confidence")),
                Literals.date(values.get("validFrom")),
                Literals.date(values.get("validTo")));
    }

    /**
     * A named graph stands for the source of the relations in it: it must be a source, described in
     * this import or already in the graph. Said here in the words of graphs; the shapes then say it
     * in the words of relations.
     */
    private void checkGraphSources(Map<Node, Node> graphSources, Map<Node, Triple> reifiers,
                                   Map<String, List<String>> fileTypes, Map<String, List<String>> external) {
        graphSources.forEach((reifier, graphName) -> {
            String sourceId = ontology.idOf(graphName.getURI());
            List<String> types = fileTypes.get(graphName.getURI());
            if (types == null || types.isEmpty()) {
                types = external.getOrDefault(sourceId, List.of());
            }
            if (types.stream().noneMatch(type -> ontology.isA(type, "Source"))) {
                Triple relation = reifiers.get(reifier);
                problem(lineOfSubject(turtle.graph(), reifier), relation == null ? null : id(relation.getSubject()),
                        relation == null ? null : name(relation.getPredicate()),
                        "The relation is in the named graph res:" + sourceId + ", which stands for its source, but '"
                                + sourceId + "' is not a source in this import or in the graph: describe it (res:"
                                + sourceId + " a kg:Article ; rdfs:label \"...\") or name the graph after a source.");
            }
        });
    }

    /** The triple in the ontology's forward direction: inverse-only properties are turned round. */
    private Triple forward(Triple t) {
        OntologyProperty p = property(t.getPredicate());
        if (p != null && p.objectProperty() && !p.forward() && p.inverse() != null && t.getObject().isURI()) {
            return Triple.create(t.getObject(), NodeFactory.createURI(ontology.termIri(p.inverse())), t.getSubject());
        }
        return t;
    }

    private List<String> typesIn(Graph data, Node subject) {
        List<String> types = new ArrayList<>();
        data.find(subject, RDF.type.asNode(), Node.ANY).forEach(t -> {
            String term = t.getObject().isURI() ? ontology.termOf(t.getObject().getURI()) : null;
            if (term != null && ontology.findClass(term).isPresent()) {
                types.add(term);
            }
        });
        return types;
    }

    private OntologyProperty property(Node p) {
        String term = p.isURI() ? ontology.termOf(p.getURI()) : null;
        return term == null ? null : ontology.findProperty(term).orElse(null);
    }

    private String id(Node n) {
        return n.isURI() ? ontology.idOf(n.getURI()) : null;
    }

    private String name(Node p) {
        String term = p.isURI() ? ontology.termOf(p.getURI()) : null;
        return term != null ? term : p.toString();
    }

    private long lineOfSubject(Graph source, Node subject) {
        return source.find(subject, Node.ANY, Node.ANY).toList().stream()
                .mapToLong(t -> line(t)).filter(l -> l > 0).min().orElse(0);
    }

    long line(Triple t) {
        Long l = t == null ? null : turtle.lineOf(t);
        return l == null ? 0 : l;
    }

    private void problem(long line, String record, String field, String message) {
        problems.add(new ImportProblem(file, line > 0 ? line : null, record, field, message));
    }
}
