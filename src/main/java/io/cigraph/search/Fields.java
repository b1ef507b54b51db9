package io.cigraph.search;

/** Field names of the index, in one place so that documents and queries agree. */
final class Fields {

    /** {@code entity} or {@code relation}. */
    static final String KIND = "kind";
    static final String ENTITY = "entity";
    static final String RELATION = "relation";
    /** An entity written by a bulk load before its relations were all in: its record only, never committed. */
    static final String PENDING = "pending";
    /** Unique key of every document, for update-by-key: {@code e:<id>} or {@code r:<s> <p> <o>}. */
    static final String KEY = "key";

    static final String ID = "id";
    static final String IRI = "iri";
    static final String LABEL = "label";
    static final String ALIAS = "alias";
    static final String ALIAS_LANGUAGE = "alias_language";
    static final String STATED_TYPE = "stated_type";
    /** Stated types and all their superclasses: what a type filter matches. */
    static final String TYPE = "type";
    static final String TYPE_WORDS = "type_words";
    /** Compact keys of label and aliases ({@link Names#compact}). */
    static final String NAME_KEY = "name_key";
    /** Resolution keys of label and aliases ({@link io.cigraph.resolution.NameKey}): what an import's duplicate check looks up. */
    static final String RESOLUTION_KEY = "resolution_key";
    static final String NAME_WORDS = "name_words";
    static final String NAME_CJK = "name_cjk";
    static final String DESCRIPTION = "description";
    static final String DESCRIPTION_CJK = "description_cjk";
    static final String PROPERTIES = "properties";
    /** Autocomplete grams at the start of a name, at the start of any word, and whole word suffixes. */
    static final String SUGGEST_START = "suggest_start";
    static final String SUGGEST_WORD = "suggest_word";
    static final String SUGGEST_SUFFIX = "suggest_suffix";
    /** Number of relations an entity takes part in: the ranking tie-breaker. */
    static final String RELATIONS = "relations";
    /** 1 for things of the domain (ontology class {@code Entity}), 0 for sources and observations. */
    static final String IS_ENTITY = "is_entity";
    /** Length of the shortest compact name: among names a prefix completes, the shortest is nearest. */
    static final String SHORTEST_NAME = "shortest_name";
    static final String SHORTEST_CJK_NAME = "shortest_cjk_name";

    /** Ids of a relation's subject and object: the entities its passage supports. */
    static final String REL_ENTITY = "rel_entity";
    static final String PREDICATE = "predicate";
    static final String SOURCE = "source";
    /** A relation's evidence quote (stored only). */
    static final String PASSAGE = "passage";
    /** On entities: the evidence quotes of their relations, the sources of each, and the sources cited. */
    static final String EVIDENCE = "evidence";
    static final String EVIDENCE_CJK = "evidence_cjk";
    static final String EVIDENCE_SOURCE = "evidence_source";
    static final String CITED_SOURCE = "cited_source";

    /** On pending documents: the entity's record as bytes ({@link Entity#toBytes()}). */
    static final String PENDING_ENTITY = "pending_entity";

    /** Facet dimensions. */
    static final String FACET_TYPE = "type";
    static final String FACET_SOURCE = "source";

    private Fields() {
    }
}
