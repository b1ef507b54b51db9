package io.cigraph.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * The raw Lucene baseline: a plain {@link IndexWriter} with {@link StandardAnalyzer} and the same
 * 64 MB buffer as ours, one document a resource (id; name, aliases and description as text) and
 * one a relation (subject, predicate, object; its evidence quote as text), committed once at the
 * end. Like the raw Neo4j load it excludes parsing: each file is parsed and its fields extracted
 * untimed, then its documents are built and added timed. Our index does more per resource
 * (normalised name keys, suggest fields, per-language analysis, types, facets, relation counts).
 */
final class RawLuceneLoad {

    private static final Node REIFIES = NodeFactory.createURI(RDF.getURI() + "reifies");
    private static final Set<String> TEXT = Set.of("name", "alias", "description", "evidence");
    private static final Node EVIDENCE = NodeFactory.createURI("https://w3id.org/cigraph/ontology#evidence");

    /** Seconds the indexing took, the documents written and the CPU seconds the indexing used. */
    record Result(double seconds, long documents, double cpuSeconds) {
    }

    private RawLuceneLoad() {
    }

    static Result load(List<Path> files, Path dir) throws IOException {
        long nanos = 0;
        long cpu = 0;
        long documents = 0;
        try (FSDirectory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()).setRAMBufferSizeMB(64))) {
            for (Path file : files) {
                List<List<String[]>> docs = fields(RDFParser.source(file).toGraph());
                long start = System.nanoTime();
                long cpuStart = CpuTime.nanos();
                for (List<String[]> fields : docs) {
                    Document doc = new Document();
                    for (String[] f : fields) {
                        doc.add(TEXT.contains(f[0]) ? new TextField(f[0], f[1], Field.Store.YES)
                                : new StringField(f[0], f[1], Field.Store.YES));
                    }
                    writer.addDocument(doc);
                }
                nanos += System.nanoTime() - start;
                cpu += CpuTime.nanos() - cpuStart;
                documents += docs.size();
            }
            long start = System.nanoTime();
            long cpuStart = CpuTime.nanos();
            writer.commit();
            nanos += System.nanoTime() - start;
            cpu += CpuTime.nanos() - cpuStart;
        }
        return new Result(nanos / 1e9, documents, cpu / 1e9);
    }

    /** Each document as (field, value) pairs: resources first, then relations with evidence. */
    private static List<List<String[]>> fields(Graph g) {
        Map<Node, List<String[]>> resources = new HashMap<>();
        List<List<String[]>> relations = new ArrayList<>();
        g.find().forEach(t -> {
            Node s = t.getSubject();
            Node p = t.getPredicate();
            if (s.isURI() && t.getObject().isLiteral()) {
                String field = p.equals(RDFS.label.asNode()) ? "name" : p.equals(SKOS.altLabel.asNode()) ? "alias"
                        : p.equals(DCTerms.description.asNode()) ? "description" : null;
                if (field != null) {
                    resources.computeIfAbsent(s, k -> new ArrayList<>(List.<String[]>of(new String[] {"id", k.getURI()})))
                            .add(new String[] {field, t.getObject().getLiteralLexicalForm()});
                }
            } else if (p.equals(REIFIES)) {
                Triple r = t.getObject().getTriple();
                List<String[]> doc = new ArrayList<>(List.of(new String[] {"s", r.getSubject().getURI()},
                        new String[] {"p", r.getPredicate().getURI()}, new String[] {"o", r.getObject().getURI()}));
                g.find(s, EVIDENCE, Node.ANY).forEach(e -> doc.add(new String[] {"evidence", e.getObject().getLiteralLexicalForm()}));
                relations.add(doc);
            }
        });
        List<List<String[]>> docs = new ArrayList<>(resources.values());
        docs.addAll(relations);
        return docs;
    }
}
