package io.cigraph.search;

import io.cigraph.model.Alias;
import io.cigraph.model.Provenance;
import io.cigraph.model.RelationRecord;
import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DocumentStoredFieldVisitor;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.BytesRef;

/**
 * Builds the index's documents: one per relation (the truth about relations, for counts and
 * rebuilds) and one per entity, which carries copies of its relations' evidence passages so
 * that a search ranks entities by their evidence in one query, without a join.
 */
final class Documents {

    /** Analysed, stored, with offsets in the postings so the highlighter needs no re-analysis. */
    private static final FieldType HIGHLIGHTED = new FieldType(TextField.TYPE_STORED);

    static {
        HIGHLIGHTED.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        HIGHLIGHTED.freeze();
    }

    static final FacetsConfig FACETS = facets();

    private static final String FACET_FIELD = FACETS.getDimConfig(Fields.FACET_SOURCE).indexFieldName;

    private final Ontology ontology;
    /** Per segment core, its facet values' sources by ordinal (see {@link #citedSources}). */
    private final Map<IndexReader.CacheKey, String[]> sourceLabels = new ConcurrentHashMap<>();

    Documents(Ontology ontology) {
        this.ontology = ontology;
    }

    private static FacetsConfig facets() {
        FacetsConfig config = new FacetsConfig();
        config.setMultiValued(Fields.FACET_TYPE, true);
        config.setMultiValued(Fields.FACET_SOURCE, true);
        // Counted from doc values only: no drill-down terms, which would double the terms a hub
        // indexes each time it is rewritten (filters use the entity's own fields).
        config.setDrillDownTermsIndexing(Fields.FACET_TYPE, FacetsConfig.DrillDownTermsIndexing.NONE);
        config.setDrillDownTermsIndexing(Fields.FACET_SOURCE, FacetsConfig.DrillDownTermsIndexing.NONE);
        return config;
    }

    static String entityKey(String id) {
        return "e:" + id;
    }

    static String relationKey(RelationRecord r) {
        return relationKey(r.subject() + ' ' + r.predicate() + ' ' + r.object());
    }

    /** The key of a relation's document, given the relation as {@code "subject predicate object"}. */
    static String relationKey(String spo) {
        return "r:" + spo;
    }

    /** The document of an entity, given what the relation documents say about it. */
    Document entity(Entity e, RelationStats stats) {
        Document d = new Document();
        d.add(new StringField(Fields.KIND, Fields.ENTITY, Field.Store.NO));
        d.add(new StringField(Fields.KEY, entityKey(e.id()), Field.Store.NO));
        d.add(new StringField(Fields.ID, e.id(), Field.Store.YES));
        d.add(new SortedDocValuesField(Fields.ID, new BytesRef(e.id())));
        if (e.iri() != null) {
            d.add(new StoredField(Fields.IRI, e.iri()));
        }
        d.add(new StoredField(Fields.LABEL, e.label()));
        for (Alias a : e.aliases()) {
            d.add(new StoredField(Fields.ALIAS, a.text()));
            d.add(new StoredField(Fields.ALIAS_LANGUAGE, a.language()));
        }
        Set<String> keys = new LinkedHashSet<>();
        Set<String> suffixes = new LinkedHashSet<>();
        Set<String> startGrams = new LinkedHashSet<>();
        for (String name : e.names()) {
            String key = Names.compact(name);
            if (!key.isEmpty()) {
                keys.add(key);
            }
            List<String> wordSuffixes = Names.wordSuffixes(name);
            suffixes.addAll(wordSuffixes);
            if (!wordSuffixes.isEmpty()) {
                startGrams.addAll(Names.grams(List.of(key)));
            }
            // Names go to the CJK analyzer when they have CJK characters; mixed names
            // ("华为WATCH GT 4") go to both, so their Latin words match too.
            if (Names.hasCjk(name)) {
                d.add(new TextField(Fields.NAME_CJK, name, Field.Store.NO));
            }
            d.add(new Field(Fields.NAME_WORDS, name, HIGHLIGHTED));
        }
        keys.forEach(k -> d.add(new StringField(Fields.NAME_KEY, k, Field.Store.NO)));
        ResolutionKeys.of(e.names()).forEach(k -> d.add(new StringField(Fields.RESOLUTION_KEY, k, Field.Store.NO)));
        d.add(new NumericDocValuesField(Fields.SHORTEST_NAME, shortest(keys, false)));
        d.add(new NumericDocValuesField(Fields.SHORTEST_CJK_NAME, shortest(keys, true)));
        suffixes.forEach(s -> d.add(new StringField(Fields.SUGGEST_SUFFIX, s, Field.Store.NO)));
        startGrams.forEach(g -> d.add(new StringField(Fields.SUGGEST_START, g, Field.Store.NO)));
        Names.grams(List.copyOf(suffixes)).forEach(g -> d.add(new StringField(Fields.SUGGEST_WORD, g, Field.Store.NO)));
        if (e.description() != null) {
            d.add(new Field(Fields.DESCRIPTION, e.description(), HIGHLIGHTED));
            if (Names.hasCjk(e.description())) {
                d.add(new TextField(Fields.DESCRIPTION_CJK, e.description(), Field.Store.NO));
            }
        }
        for (String p : e.properties()) {
            d.add(new TextField(Fields.PROPERTIES, p, Field.Store.YES));
        }
        for (String t : e.statedTypes()) {
            d.add(new StoredField(Fields.STATED_TYPE, t));
        }
        List<String> types = ontology.withSuperclasses(e.statedTypes());
        d.add(new NumericDocValuesField(Fields.IS_ENTITY, types.contains("Entity") ? 1 : 0));
        for (String t : types) {
            d.add(new StringField(Fields.TYPE, t, Field.Store.NO));
            d.add(new TextField(Fields.TYPE_WORDS, ontology.findClass(t).map(c -> c.label()).orElse(t), Field.Store.NO));
            d.add(new SortedSetDocValuesFacetField(Fields.FACET_TYPE, t));
        }
        for (RelationStats.Passage p : stats.passages()) {
            d.add(new Field(Fields.EVIDENCE, p.evidence(), HIGHLIGHTED));
            d.add(new StoredField(Fields.EVIDENCE_SOURCE, p.source() == null ? "" : p.source()));
            if (Names.hasCjk(p.evidence())) {
                d.add(new TextField(Fields.EVIDENCE_CJK, p.evidence(), Field.Store.NO));
            }
        }
        d.add(new NumericDocValuesField(Fields.RELATIONS, stats.count()));
        d.add(new StoredField(Fields.RELATIONS, stats.count()));
        // Indexed for the filter and the facet, not stored: a hub cites tens of thousands of
        // sources, and its facet values give them back (see citedSources) for less than storing
        // them costs at every rewrite.
        for (String s : stats.sources()) {
            d.add(new StringField(Fields.CITED_SOURCE, s, Field.Store.NO));
            d.add(new SortedSetDocValuesFacetField(Fields.FACET_SOURCE, s));
        }
        return build(d);
    }

    /**
     * Some stored fields of an entity's document, read in stored order up to the first field of
     * {@code stopAt}. Fields are stored in the order {@link #entity} adds them, ending with the
     * passages and the relation count, so a reader that only needs the record stops before them.
     */
    static Document shown(StoredFields stored, int doc, Set<String> fields, Set<String> stopAt) throws IOException {
        DocumentStoredFieldVisitor visitor = new DocumentStoredFieldVisitor(fields) {
            @Override
            public Status needsField(FieldInfo field) throws IOException {
                return stopAt.contains(field.name) ? Status.STOP : super.needsField(field);
            }
        };
        stored.document(doc, visitor);
        return visitor.getDocument();
    }

    /**
     * The sources an entity's document cites, read from its facet values. A segment's facet
     * values are decoded once and kept by ordinal while the segment lives: the entities an import
     * touches cite a million sources between them at a million entities, mostly the same few
     * thousand, and decoding each from the terms dictionary was a fifth of staging the batch.
     */
    Set<String> citedSources(LeafReader leaf, int doc) throws IOException {
        SortedSetDocValues values = leaf.getSortedSetDocValues(FACET_FIELD);
        if (values == null || !values.advanceExact(doc)) {
            return new HashSet<>();
        }
        String[] labels = sourceLabels(leaf, values);
        Set<String> sources = HashSet.newHashSet(values.docValueCount());
        for (int i = 0; i < values.docValueCount(); i++) {
            int ord = (int) values.nextOrd();
            String source = labels[ord];
            if (source == null) {
                source = sourceOf(values.lookupOrd(ord));
                // Racing threads write the same immutable string: a lost write is decoded again.
                labels[ord] = source;
            }
            if (!source.isEmpty()) {
                sources.add(source);
            }
        }
        return sources;
    }

    /** The segment's decoded facet values by ordinal, filled in as they are read. */
    private String[] sourceLabels(LeafReader leaf, SortedSetDocValues values) {
        IndexReader.CacheHelper core = leaf.getCoreCacheHelper();
        if (core == null) {
            return new String[Math.toIntExact(values.getValueCount())];
        }
        return sourceLabels.computeIfAbsent(core.getKey(), key -> {
            core.addClosedListener(sourceLabels::remove);
            return new String[Math.toIntExact(values.getValueCount())];
        });
    }

    /** The source a facet value names, or the empty string for a value of another dimension. */
    private static String sourceOf(BytesRef value) {
        String[] path = FacetsConfig.stringToPath(value.utf8ToString());
        return path.length == 2 && path[0].equals(Fields.FACET_SOURCE) ? path[1] : "";
    }

    /** The document of a relation: the entities it links and, when it has one, its evidence passage. */
    static Document relation(RelationRecord r) {
        Document d = new Document();
        d.add(new StringField(Fields.KIND, Fields.RELATION, Field.Store.NO));
        d.add(new StringField(Fields.KEY, relationKey(r), Field.Store.NO));
        for (String end : new LinkedHashSet<>(List.of(r.subject(), r.object()))) {
            d.add(new StringField(Fields.REL_ENTITY, end, Field.Store.NO));
        }
        d.add(new StoredField(Fields.PREDICATE, r.predicate()));
        Provenance p = r.provenance();
        if (p.source() != null) {
            d.add(new SortedDocValuesField(Fields.SOURCE, new BytesRef(p.source())));
        }
        if (p.evidence() != null) {
            // Kept for rebuilding entity documents, as doc values: read at random by id, they cost
            // far less than stored fields, which decompress a whole block per read.
            d.add(new BinaryDocValuesField(Fields.PASSAGE, new BytesRef(p.evidence())));
        }
        return d;
    }

    /**
     * A stand-in for an entity's document while a bulk load runs, holding its record unanalysed
     * under the entity's key, so that the entity waits on disk rather than in memory for the
     * relations that later chunks bring; the load replaces it with {@link #entity} at the end.
     */
    static Document pending(Entity e) {
        Document d = new Document();
        d.add(new StringField(Fields.KIND, Fields.PENDING, Field.Store.NO));
        d.add(new StringField(Fields.KEY, entityKey(e.id()), Field.Store.NO));
        d.add(new StoredField(Fields.PENDING_ENTITY, e.toBytes()));
        return d;
    }

    /** Length of the shortest key in CJK script or not; a large number when there is none. */
    private static int shortest(Set<String> keys, boolean cjk) {
        return keys.stream().filter(k -> Names.hasCjk(k) == cjk).mapToInt(String::length).min().orElse(1000);
    }

    private static Document build(Document d) {
        try {
            return FACETS.build(d);
        } catch (IOException e) {
            throw new UncheckedIOException("Facet fields without a taxonomy do not do I/O", e);
        }
    }
}
