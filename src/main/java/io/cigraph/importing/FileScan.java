package io.cigraph.importing;

import io.cigraph.ontology.Ontology;
import io.cigraph.ontology.OntologyProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectLongHashMap;

/**
 * The first, quick pass over a file, before any record is mapped: its content hash, the syntax
 * errors, how many resources and relations it has (so progress can show time left), and the
 * classes it gives each resource. Those classes let a chunk of the second pass check a relation
 * to a resource that a later chunk describes, without holding the file. The classes of all files
 * of one import go into one map, with the type lists shared, so it costs about one id a resource.
 */
final class FileScan {

    private final String sha256;
    private final long resources;
    private final long relations;
    private final long triples;
    private final List<ImportProblem> problems;
    private final boolean sameAs;

    private FileScan(String sha256, long resources, long relations, long triples, List<ImportProblem> problems, boolean sameAs) {
        this.sha256 = sha256;
        this.sameAs = sameAs;
        this.resources = resources;
        this.relations = relations;
        this.triples = triples;
        this.problems = problems;
    }

    /**
     * Scans a file, adding the classes it states to {@code declared} (id to class names).
     *
     * @param chunk resources a chunk of the second pass holds: a file larger than that must
     *              describe each resource (type, names, properties) in one block, as chunks are cut
     *              between blocks; relations may be stated in any block
     */
    static FileScan scan(ImportSource source, Ontology ontology, Map<String, List<String>> declared, int chunk) {
        String file = source.name();
        List<ImportProblem> problems = new ArrayList<>();
        Map<List<String>, List<String>> shared = new HashMap<>();
        ObjectLongHashMap<String> firstLine = new ObjectLongHashMap<>();
        ObjectLongHashMap<String> describedIn = new ObjectLongHashMap<>();
        Node type = RDF.type.asNode();
        long[] counts = new long[4];
        Node sameAs = OWL.sameAs.asNode();
        List<ImportProblem> split = new ArrayList<>();
        TurtleFile.LineSink sink = new TurtleFile.LineSink() {
            private Node subject;

            @Override
            void triple(Triple t, long line) {
                counts[2]++;
                if (t.getPredicate().equals(sameAs)) {
                    counts[3]++;
                }
                Node s = t.getSubject();
                String id = s.isURI() ? ontology.idOf(s.getURI()) : null;
                if (s.isURI() && !s.equals(subject)) {
                    subject = s;
                    counts[0]++;
                }
                boolean relation = t.getObject().isURI() && isRelation(ontology, t.getPredicate());
                if (id != null && !relation) {
                    long block = describedIn.getIfAbsent(id, -1);
                    if (block < 0) {
                        describedIn.put(id, counts[0]);
                        firstLine.put(id, line);
                    } else if (block != counts[0] && split.isEmpty()) {
                        split.add(new ImportProblem(file, line, id, name(ontology, t.getPredicate()),
                                "'" + id + "' is described again here, after its block at line " + firstLine.get(id)
                                        + ": in a file over " + chunk + " resources, give a resource's type, names and "
                                        + "properties in one block (its relations may be stated anywhere)."));
                    }
                }
                if (id == null) {
                    return;
                }
                if (t.getPredicate().equals(type) && t.getObject().isURI()) {
                    String term = ontology.termOf(t.getObject().getURI());
                    if (term != null && ontology.findClass(term).isPresent()) {
                        declare(declared, shared, id, List.of(term));
                    }
                } else if (relation) {
                    counts[1]++;
                }
            }
        };
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(source.opener().open(), digest)) {
            TurtleFile.parse(file, in, ontology.baseIri(), sink, problems);
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        // The subject count is of blocks; a resource stated in several blocks of a small file counts once per block.
        if (counts[0] > chunk) {
            problems.addAll(split);
        }
        return new FileScan(HexFormat.of().formatHex(digest.digest()), counts[0], counts[1], counts[2], problems, counts[3] > 0);
    }

    /**
     * Adds classes to those {@code declared} gives an id, in order and once each; {@code shared}
     * holds one list for each distinct list of classes, which most ids share.
     */
    static void declare(Map<String, List<String>> declared, Map<List<String>, List<String>> shared, String id,
                        List<String> classes) {
        List<String> types = new ArrayList<>(declared.getOrDefault(id, List.of()));
        for (String c : classes) {
            if (!types.contains(c)) {
                types.add(c);
            }
        }
        declared.put(id, shared.computeIfAbsent(List.copyOf(types), k -> k));
    }

    private static String name(Ontology ontology, Node p) {
        String term = p.isURI() ? ontology.termOf(p.getURI()) : null;
        return term != null ? term : p.toString();
    }

    private static boolean isRelation(Ontology ontology, Node p) {
        String term = p.isURI() ? ontology.termOf(p.getURI()) : null;
        return term != null && ontology.findProperty(term).map(OntologyProperty::objectProperty).orElse(false);
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    String sha256() {
        return sha256;
    }

    /** Resource blocks: the number of records the second pass will map, give or take restatements. */
    long resources() {
        return resources;
    }

    long relations() {
        return relations;
    }

    /** Whether the file states nothing at all (only whitespace, comments or prefixes). */
    boolean blank() {
        return triples == 0;
    }

    List<ImportProblem> problems() {
        return problems;
    }

    /** Whether the file states {@code owl:sameAs}: merging needs the whole file, so it is not bulk-loaded. */
    boolean sameAs() {
        return sameAs;
    }
}
