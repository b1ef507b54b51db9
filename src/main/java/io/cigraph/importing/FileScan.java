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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectLongHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;

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
    /** The ids the file describes (type, names, properties), until {@link #forgetDescribed()}; null when not known. */
    private ObjectLongHashMap<String> described;
    /** 64-bit hashes of the relations the file states (forward direction), until {@link #forgetDescribed()}; null when not known. */
    private LongHashSet relationKeys;

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
        if (source.mapping() != null) {
            return Spreadsheet.scan(source, ontology, declared);
        }
        String file = source.name();
        List<ImportProblem> problems = new ArrayList<>();
        Map<List<String>, List<String>> shared = new HashMap<>();
        ObjectLongHashMap<String> firstLine = new ObjectLongHashMap<>();
        ObjectLongHashMap<String> describedIn = new ObjectLongHashMap<>();
        Node type = RDF.type.asNode();
        // Subject blocks, triples.
        long[] counts = new long[2];
        boolean[] sameAs = new boolean[1];
        Node sameAsNode = OWL.sameAs.asNode();
        List<ImportProblem> split = new ArrayList<>();
        RecordCount records = new RecordCount(ontology, chunk);
        TurtleFile.LineSink sink = new TurtleFile.LineSink() {
            private Node subject;

            @Override
            void triple(Triple t, long line) {
                counts[1]++;
                records.add(t);
                if (t.getPredicate().equals(sameAsNode) && t.getObject().isURI() && ontology.idOf(t.getObject().getURI()) != null) {
                    sameAs[0] = true;
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
                if (id != null && t.getPredicate().equals(type) && t.getObject().isURI()) {
                    String term = ontology.termOf(t.getObject().getURI());
                    if (term != null && ontology.findClass(term).isPresent()) {
                        declare(declared, shared, id, List.of(term));
                    }
                }
            }

            @Override
            public void finish() {
                records.endChunk();
            }
        };
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(source.opener().open(), digest)) {
            TurtleFile.parse(file, source.format(), in, ontology.baseIri(), sink, problems);
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        // The subject count is of blocks; a resource stated in several blocks of a small file counts once per block.
        if (counts[0] > chunk) {
            problems.addAll(split);
        }
        FileScan scan = new FileScan(HexFormat.of().formatHex(digest.digest()), records.resources, records.relations, counts[1],
                problems, sameAs[0]);
        scan.described = describedIn;
        scan.relationKeys = records.keys;
        return scan;
    }

    /**
     * Whether this file describes a resource that one of {@code earlier} (files before it in the
     * same import, each {@code null} when not known) describes too; true when either is not known.
     */
    boolean describesAnyOf(List<FileScan> earlier) {
        for (FileScan e : earlier) {
            if (described == null || e.described == null || relationKeys == null || e.relationKeys == null) {
                return true;
            }
            ObjectLongHashMap<String> small = described.size() <= e.described.size() ? described : e.described;
            ObjectLongHashMap<String> large = small == described ? e.described : described;
            if (small.keysView().anySatisfy(large::containsKey)) {
                return true;
            }
            LongHashSet fewer = relationKeys.size() <= e.relationKeys.size() ? relationKeys : e.relationKeys;
            LongHashSet more = fewer == relationKeys ? e.relationKeys : relationKeys;
            if (fewer.anySatisfy(more::contains)) {
                return true;
            }
        }
        return false;
    }

    /** Lets the described ids go, once the import no longer asks. */
    void forgetDescribed() {
        described = null;
        relationKeys = null;
    }

    /**
     * Counts the records the second pass will map, chunk by chunk as it cuts them: in each chunk,
     * the resources given a class and the distinct relations, in their forward direction, whether
     * stated, annotated, reified (RDF 1.1) or in a named graph; annotations themselves are none.
     * So the progress bar's total is the count of records written, whatever the syntax. What it
     * holds is one chunk's relations, as the second pass does.
     */
    private static final class RecordCount {

        private final Ontology ontology;
        private final TurtleFile.ChunkCut cut;
        private final Set<String> typed = new HashSet<>();
        private final Set<Triple> relationsInChunk = new HashSet<>();
        private final Map<Node, Node[]> reified = new HashMap<>();
        /** Every relation of the file, hashed: two files that state one relation are told apart from two that do not. */
        final LongHashSet keys = new LongHashSet();
        long resources;
        long relations;

        RecordCount(Ontology ontology, int chunk) {
            this.ontology = ontology;
            this.cut = new TurtleFile.ChunkCut(chunk);
        }

        void add(Triple t) {
            if (cut.startsNewChunk(t)) {
                endChunk();
            }
            Node p = t.getPredicate();
            int part = p.equals(RDF.subject.asNode()) ? 0 : p.equals(RDF.predicate.asNode()) ? 1 : p.equals(RDF.object.asNode()) ? 2 : -1;
            if (part >= 0) {
                Node[] spo = reified.computeIfAbsent(t.getSubject(), k -> new Node[3]);
                spo[part] = t.getObject();
                if (spo[0] != null && spo[1] != null && spo[2] != null) {
                    relation(Triple.create(spo[0], spo[1], spo[2]));
                }
            } else if (t.getSubject().isURI()) {
                String id = ontology.idOf(t.getSubject().getURI());
                if (id != null && p.equals(RDF.type.asNode()) && t.getObject().isURI()) {
                    String term = ontology.termOf(t.getObject().getURI());
                    if (term != null && ontology.findClass(term).isPresent()) {
                        typed.add(id);
                    }
                }
                relation(t);
            }
        }

        private void relation(Triple t) {
            String term = t.getPredicate().isURI() ? ontology.termOf(t.getPredicate().getURI()) : null;
            OntologyProperty p = term == null ? null : ontology.findProperty(term).orElse(null);
            if (p == null || !p.objectProperty() || !t.getObject().isURI() || !t.getSubject().isURI()) {
                return;
            }
            if (!p.forward() && p.inverse() != null) {
                t = Triple.create(t.getObject(), NodeFactory.createURI(ontology.termIri(p.inverse())), t.getSubject());
            }
            relationsInChunk.add(t);
            keys.add(key(t));
        }

        /**
         * A 64-bit hash of the relation's three IRIs (their string hashes, computed by the JDK's
         * intrinsic, mixed); a collision only makes two files look as if they shared a relation.
         */
        private static long key(Triple t) {
            long h = mix(t.getSubject().getURI().hashCode());
            h = mix(h ^ t.getPredicate().getURI().hashCode());
            String o = t.getObject().getURI();
            return mix(h ^ ((long) o.hashCode() << 32 | o.length()));
        }

        /** MurmurHash3's 64-bit finaliser. */
        private static long mix(long h) {
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            return h ^ (h >>> 33);
        }

        void endChunk() {
            resources += typed.size();
            relations += relationsInChunk.size();
            typed.clear();
            relationsInChunk.clear();
            reified.clear();
        }
    }

    /** A scan made by another reader (a spreadsheet's). */
    static FileScan of(String sha256, long resources, long relations, long triples, List<ImportProblem> problems) {
        return new FileScan(sha256, resources, relations, triples, problems, false);
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

    /** The SHA-256 of the source's bytes, as a scan computes it, hexadecimal. */
    static String digest(ImportSource source) {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(source.opener().open(), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source.name() + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
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

    /** Resources the second pass will map: those given a class, once a chunk. */
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
