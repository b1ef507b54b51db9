package io.cigraph.rdf;

import io.cigraph.model.Alias;
import io.cigraph.model.ImportBatch;
import io.cigraph.model.Provenance;
import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.model.StatedClaim;
import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyProperty;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;

/**
 * Canonical records as quads, the way the data files state them: a resource with its stated
 * classes, names and literal properties; a relation as a triple plus, when it has provenance, an
 * RDF 1.2 reifier {@code _:r rdf:reifies <<( s p o )>> ; kg:source ... ; kg:evidence ...}.
 * <p>
 * Inference is materialised here, at import, into its own graph rather than computed by a
 * reasoner at query time: superclass types, super-properties ({@code kg:hasCapability} is also
 * {@code kg:supports}) and inverses ({@code kg:developedBy}, both ends of symmetric relations).
 * The ontology's hierarchy is small and fixed while the data grows, so writing the closure once
 * makes every query a plain index lookup; keeping it out of the data graph keeps the stated facts
 * countable exactly as the property graph counts them.
 */
final class RecordQuads {

    private static final Node TYPE = RDF.type.asNode();
    private static final Node LABEL = RDFS.label.asNode();
    private static final Node ALT_LABEL = SKOS.altLabel.asNode();
    private static final Node DESCRIPTION = DCTerms.description.asNode();

    private final Ontology ontology;

    RecordQuads(Ontology ontology) {
        this.ontology = ontology;
    }

    /**
     * Adds a batch to a dataset in a write transaction. With {@code replace}, what the store already
     * says about the batch's resources (names, types, properties) and the provenance of its
     * relations is replaced rather than added to, so that writing the same batch twice leaves the
     * same dataset, as in the graph. A rebuild into an empty store skips that lookup.
     */
    void write(DatasetGraph dsg, ImportBatch batch, boolean replace) {
        write(dsg::add, batch, replace ? new Replacing(dsg, links()) : Replacing.NOTHING);
    }

    /** Adds a batch to a loader's stream: a bulk load into an empty store has nothing to replace. */
    void write(StreamRDF stream, ImportBatch batch) {
        write(stream::quad, batch, Replacing.NOTHING);
    }

    /** The predicates of link properties, whose values are IRIs but belong to the resource's description. */
    private Set<Node> links() {
        Set<Node> links = new java.util.HashSet<>();
        ontology.properties().stream().filter(OntologyProperty::link).forEach(p -> links.add(NodeFactory.createURI(p.iri())));
        return links;
    }

    private void write(Consumer<Quad> out, ImportBatch batch, Replacing replacing) {
        for (ResourceRecord r : batch.resources()) {
            Node s = resource(r.id());
            replacing.description(s);
            addResource(out, s, r);
        }
        for (RelationRecord r : batch.relations()) {
            addRelation(out, r, replacing);
        }
        for (StatedClaim c : batch.claims()) {
            addClaim(out, c);
        }
    }

    /**
     * Removes what the store holds of these resources (their descriptions, with what each import
     * said of them) and of these relations ({@code "subject predicate object"}: the triple, its
     * provenance, its claims and what it implied). Followed by writing what the graph still holds of
     * them, it replaces them; what the relations left between the same two resources imply is
     * written again here, since the implied triples of a pair are removed together.
     */
    void forget(DatasetGraph dsg, java.util.Collection<String> ids, java.util.Collection<String> relationKeys) {
        Set<Node> links = links();
        Replacing replacing = new Replacing(dsg, links);
        ids.forEach(id -> replacing.description(resource(id)));
        Set<List<Node>> pairs = new LinkedHashSet<>();
        for (String key : relationKeys) {
            String[] spo = key.split(" ", 3);
            Node s = resource(spo[0]);
            Node p = term(spo[1]);
            Node o = resource(spo[2]);
            dsg.delete(RdfGraphs.DATA, s, p, o);
            replacing.provenance(NodeFactory.createTripleTerm(Triple.create(s, p, o)));
            dsg.deleteAny(RdfGraphs.INFERRED, s, Node.ANY, o);
            dsg.deleteAny(RdfGraphs.INFERRED, o, Node.ANY, s);
            pairs.add(List.of(s, o));
        }
        if (pairs.isEmpty()) {
            return;
        }
        Map<Node, String> names = new java.util.HashMap<>();
        ontology.properties().forEach(p -> names.put(term(p.name()), p.name()));
        List<Quad> implied = new ArrayList<>();
        for (List<Node> pair : pairs) {
            for (List<Node> ends : List.of(pair, List.of(pair.get(1), pair.get(0)))) {
                dsg.find(RdfGraphs.DATA, ends.get(0), Node.ANY, ends.get(1)).forEachRemaining(q -> {
                    String name = names.get(q.getPredicate());
                    if (name != null && isRelation(q, links)) {
                        implied(name, q.getSubject(), q.getObject(), q.asTriple())
                                .forEach(t -> implied.add(new Quad(RdfGraphs.INFERRED, t)));
                    }
                });
            }
        }
        implied.forEach(dsg::add);
    }

    private static boolean isRelation(Quad q, Set<Node> links) {
        return q.getObject().isURI() && !q.getPredicate().equals(TYPE) && !links.contains(q.getPredicate());
    }

    /** Removes a batch from the ledger (undone, replaced). */
    void unledger(DatasetGraph dsg, String sha256) {
        dsg.deleteAny(RdfGraphs.LEDGER, batchNode(sha256), Node.ANY, Node.ANY);
    }

    /** Marks a batch as held, replacing what the ledger said of it. */
    void ledger(DatasetGraph dsg, String sha256, String batchId, String file) {
        dsg.deleteAny(RdfGraphs.LEDGER, batchNode(sha256), Node.ANY, Node.ANY);
        ledger(dsg::add, sha256, batchId, file);
    }

    /** Marks a batch as held in an empty store being loaded. */
    void ledger(StreamRDF stream, String sha256, String batchId, String file) {
        ledger(stream::quad, sha256, batchId, file);
    }

    private static void ledger(Consumer<Quad> out, String sha256, String batchId, String file) {
        Node b = batchNode(sha256);
        out.accept(new Quad(RdfGraphs.LEDGER, b, RdfGraphs.BATCH_SHA256, NodeFactory.createLiteralString(sha256)));
        if (batchId != null) {
            out.accept(new Quad(RdfGraphs.LEDGER, b, RdfGraphs.BATCH_ID, NodeFactory.createLiteralString(batchId)));
        }
        if (file != null) {
            out.accept(new Quad(RdfGraphs.LEDGER, b, RdfGraphs.BATCH_FILE, NodeFactory.createLiteralString(file)));
        }
    }

    private static Node batchNode(String sha256) {
        return NodeFactory.createURI("urn:cigraph:batch:" + sha256);
    }

    Node resource(String id) {
        return NodeFactory.createURI(ontology.iriOf(id));
    }

    Node term(String name) {
        return NodeFactory.createURI(ontology.termIri(name));
    }

    private void addResource(Consumer<Quad> out, Node s, ResourceRecord r) {
        addStated(out, RdfGraphs.DATA, s, r);
        Set<String> implied = new LinkedHashSet<>(ontology.withSuperclasses(r.types()));
        implied.removeAll(r.types());
        for (String type : implied) {
            out.accept(new Quad(RdfGraphs.INFERRED, s, TYPE, term(type)));
        }
    }

    /** What a record states of its resource (classes, names, literal properties) into graph {@code g}. */
    private void addStated(Consumer<Quad> out, Node g, Node s, ResourceRecord r) {
        for (String type : r.types()) {
            out.accept(new Quad(g, s, TYPE, term(type)));
        }
        if (r.label() != null) {
            out.accept(new Quad(g, s, LABEL, NodeFactory.createLiteralString(r.label())));
        }
        for (Alias a : r.aliases()) {
            out.accept(new Quad(g, s, ALT_LABEL, a.language().isEmpty()
                    ? NodeFactory.createLiteralString(a.text()) : NodeFactory.createLiteralLang(a.text(), a.language())));
        }
        if (r.description() != null) {
            out.accept(new Quad(g, s, DESCRIPTION, NodeFactory.createLiteralString(r.description())));
        }
        for (Map.Entry<String, Object> e : r.properties().entrySet()) {
            Node p = term(e.getKey());
            OntologyProperty property = ontology.findProperty(e.getKey()).orElse(null);
            boolean link = property != null && property.link();
            String range = property == null || property.range().isEmpty() ? "" : property.range().getFirst();
            Iterable<?> values = e.getValue() instanceof List<?> list ? list : List.of(e.getValue());
            for (Object v : values) {
                // A link's value is an IRI of another dataset, kept as text elsewhere: an IRI again here,
                // so that SPARQL joins it with that dataset's own triples.
                out.accept(new Quad(g, s, p, link ? NodeFactory.createURI(v.toString()) : literal(v, range)));
            }
        }
    }

    private void addRelation(Consumer<Quad> out, RelationRecord r, Replacing replacing) {
        Node s = resource(r.subject());
        Node p = term(r.predicate());
        Node o = resource(r.object());
        Triple stated = Triple.create(s, p, o);
        out.accept(new Quad(RdfGraphs.DATA, stated));
        Node quoted = NodeFactory.createTripleTerm(stated);
        replacing.provenance(quoted);
        addProvenance(out, RdfGraphs.DATA, quoted, r.provenance());
        implied(r.predicate(), s, o, stated).forEach(t -> out.accept(new Quad(RdfGraphs.INFERRED, t)));
    }

    /** A relation's provenance, when it has any, as a reifier of the quoted triple in graph {@code g}. */
    private void addProvenance(Consumer<Quad> out, Node g, Node quoted, Provenance prov) {
        if (!Provenance.NONE.equals(prov)) {
            Node reifier = NodeFactory.createBlankNode();
            out.accept(new Quad(g, reifier, RdfGraphs.REIFIES, quoted));
            addIfPresent(out, g, reifier, "source", prov.source() == null ? null : resource(prov.source()));
            addIfPresent(out, g, reifier, "evidence", prov.evidence() == null ? null : NodeFactory.createLiteralString(prov.evidence()));
            addIfPresent(out, g, reifier, "confidence", prov.confidence() == null ? null : literal(prov.confidence(), "xsd:decimal"));
            addIfPresent(out, g, reifier, "validFrom", prov.validFrom() == null ? null : literal(prov.validFrom(), ""));
            addIfPresent(out, g, reifier, "validTo", prov.validTo() == null ? null : literal(prov.validTo(), ""));
        }
    }

    /**
     * What each live import said of a record that more than one states, in that import's claims
     * graph: a resource's classes, names and literal properties; a relation with the provenance it
     * gave. The data graph holds the effective record, whose single values are the preferred claim's.
     */
    private void addClaim(Consumer<Quad> out, StatedClaim c) {
        Node g = RdfGraphs.claims(c.batch());
        if (c.resource() != null) {
            addStated(out, g, resource(c.resource().id()), c.resource());
        } else {
            RelationRecord r = c.relation();
            Triple stated = Triple.create(resource(r.subject()), term(r.predicate()), resource(r.object()));
            out.accept(new Quad(g, stated));
            addProvenance(out, g, NodeFactory.createTripleTerm(stated), r.provenance());
        }
    }

    /**
     * What a stated relation implies: the same link under every super-property, and the reverse
     * link under the inverse property and its super-properties (a symmetric property is its own
     * inverse). The stated triple itself is left out: it is in the data graph.
     */
    List<Triple> implied(String predicate, Node s, Node o, Triple stated) {
        Set<Triple> out = new LinkedHashSet<>();
        ontology.findProperty(predicate).ifPresent(p -> {
            addWithSupers(out, p, s, o);
            String inverse = p.inverse() != null ? p.inverse() : (p.symmetric() ? p.name() : null);
            if (inverse != null) {
                ontology.findProperty(inverse).ifPresent(q -> addWithSupers(out, q, o, s));
            }
        });
        out.remove(stated);
        return List.copyOf(out);
    }

    private void addWithSupers(Set<Triple> out, OntologyProperty p, Node s, Node o) {
        out.add(Triple.create(s, term(p.name()), o));
        p.superProperties().forEach(sp -> out.add(Triple.create(s, term(sp), o)));
    }

    private void addIfPresent(Consumer<Quad> out, Node g, Node reifier, String property, Node value) {
        if (value != null) {
            out.accept(new Quad(g, reifier, term(property), value));
        }
    }

    /**
     * A stored value as a literal of the property's declared datatype where the value's Java type
     * lost it (an {@code xsd:anyURI} or {@code xsd:gYear} is kept as text, a decimal as a double).
     */
    static Node literal(Object v, String range) {
        return switch (v) {
            case Long l -> NodeFactory.createLiteralDT(Long.toString(l), XSDDatatype.XSDinteger);
            case Integer i -> NodeFactory.createLiteralDT(Integer.toString(i), XSDDatatype.XSDinteger);
            case Double d when "xsd:decimal".equals(range) ->
                    NodeFactory.createLiteralDT(BigDecimal.valueOf(d).toPlainString(), XSDDatatype.XSDdecimal);
            case Double d -> NodeFactory.createLiteralDT(Double.toString(d), XSDDatatype.XSDdouble);
            case Boolean b -> NodeFactory.createLiteralDT(Boolean.toString(b), XSDDatatype.XSDboolean);
            case LocalDate d -> NodeFactory.createLiteralDT(d.toString(), XSDDatatype.XSDdate);
            case String s when "xsd:anyURI".equals(range) -> NodeFactory.createLiteralDT(s, XSDDatatype.XSDanyURI);
            case String s when "xsd:gYear".equals(range) -> NodeFactory.createLiteralDT(s, XSDDatatype.XSDgYear);
            default -> NodeFactory.createLiteralString(v.toString());
        };
    }

    /**
     * What writing into a non-empty dataset first removes: the earlier description of a resource
     * (its literals and types, stated and implied) and the earlier provenance of a relation, so a
     * record replaces what a previous import said. Writing into an empty store replaces nothing.
     */
    private static class Replacing {

        static final Replacing NOTHING = new Replacing(null, Set.of());

        private final DatasetGraph dsg;
        private final Set<Node> links;

        Replacing(DatasetGraph dsg, Set<Node> links) {
            this.dsg = dsg;
            this.links = links;
        }

        void description(Node s) {
            if (dsg == null) {
                return;
            }
            List<Quad> stale = new ArrayList<>();
            dsg.find(RdfGraphs.DATA, s, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (describes(q)) {
                    stale.add(q);
                }
            });
            dsg.find(RdfGraphs.INFERRED, s, TYPE, Node.ANY).forEachRemaining(stale::add);
            // What imports said of it apart: written again with the record when more than one still does.
            dsg.find(Node.ANY, s, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (RdfGraphs.isClaims(q.getGraph()) && describes(q)) {
                    stale.add(q);
                }
            });
            stale.forEach(dsg::delete);
        }

        /** Whether a quad about a resource belongs to its description (literals, types, links), not to its relations. */
        private boolean describes(Quad q) {
            return q.getObject().isLiteral() || q.getPredicate().equals(TYPE) || links.contains(q.getPredicate());
        }

        void provenance(Node quoted) {
            if (dsg == null) {
                return;
            }
            List<Quad> reifiers = new ArrayList<>();
            dsg.find(Node.ANY, Node.ANY, RdfGraphs.REIFIES, quoted).forEachRemaining(q -> {
                if (q.getGraph().equals(RdfGraphs.DATA) || RdfGraphs.isClaims(q.getGraph())) {
                    reifiers.add(q);
                }
            });
            reifiers.forEach(q -> dsg.deleteAny(q.getGraph(), q.getSubject(), Node.ANY, Node.ANY));
            Triple t = quoted.getTriple();
            List<Quad> claimed = new ArrayList<>();
            dsg.find(Node.ANY, t.getSubject(), t.getPredicate(), t.getObject()).forEachRemaining(q -> {
                if (RdfGraphs.isClaims(q.getGraph())) {
                    claimed.add(q);
                }
            });
            claimed.forEach(dsg::delete);
        }
    }
}
