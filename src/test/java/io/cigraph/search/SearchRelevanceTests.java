package io.cigraph.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * The relevance spec: what a strategist types and which entity must come first (or in the top
 * three), on the seed data, through the real analyzers and ranking. Change an analyzer or a
 * boost, and these say what it broke.
 */
class SearchRelevanceTests {

    private static SeedIndex seed;

    @BeforeAll
    static void buildIndex() {
        seed = new SeedIndex();
    }

    @AfterAll
    static void dropIndex() throws IOException {
        seed.close();
    }

    /** A query, an optional type filter, the entity expected, and the rank it must reach. */
    record Case(String query, String type, String expected, int within) {

        static Case top1(String query, String expected) {
            return new Case(query, null, expected, 1);
        }

        static Case top3(String query, String expected) {
            return new Case(query, null, expected, 3);
        }

        @Override
        public String toString() {
            return "\"" + query + "\"" + (type == null ? "" : " type=" + type) + " -> " + expected
                    + (within == 1 ? " first" : " in top " + within);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // exact names, any case and punctuation
                Case.top1("Huawei", "huawei"),
                Case.top1("huawei", "huawei"),
                Case.top1("HarmonyOS", "harmonyos"),
                Case.top1("HarmonyOS 4", "harmonyos-4"),
                Case.top1("harmonyos 3", "harmonyos-3"),
                Case.top1("NearLink", "nearlink"),
                Case.top1("Huawei Watch GT 4", "huawei-watch-gt-4"),
                Case.top1("Weibo", "weibo"),
                Case.top1("Digital cockpit", "digital-cockpit"),
                Case.top1("Mainland China", "mainland-china"),
                Case.top1("Huawei Qingyun tablets", "huawei-qingyun-tablets"),
                Case.top1("smart TVs", "smart-tvs"),
                // aliases
                Case.top1("SparkLink", "nearlink"),
                Case.top1("HongMeng OS", "harmonyos"),
                Case.top1("Huawei Technologies", "huawei"),
                Case.top1("Sina Weibo", "weibo"),
                Case.top1("TWS earbuds", "hearables"),
                Case.top1("Laptops", "notebooks"),
                Case.top1("Car makers", "automotive-partners"),
                Case.top1("Smart cockpit", "digital-cockpit"),
                Case.top1("Autonomous driving support", "self-driving-support"),
                // Chinese names
                Case.top1("华为", "huawei"),
                Case.top1("鸿蒙", "harmonyos"),
                Case.top1("星闪", "nearlink"),
                Case.top1("擎云", "huawei-qingyun"),
                Case.top1("鸿蒙4", "harmonyos-4"),
                Case.top1("华为手表GT4", "huawei-watch-gt-4"),
                Case.top1("智能座舱", "digital-cockpit"),
                Case.top1("微博", "weibo"),
                Case.top3("擎云平板", "huawei-qingyun-tablets"),
                // typos, one and two edits
                Case.top1("nearlnk", "nearlink"),
                Case.top1("harmonyso", "harmonyos"),
                Case.top1("qingyn", "huawei-qingyun"),
                Case.top1("huawie", "huawei"),
                Case.top1("wiebo", "weibo"),
                Case.top1("harmoniOS 4", "harmonyos-4"),
                Case.top3("nearlinc", "nearlink"),
                Case.top3("harmnyoss", "harmonyos"),
                Case.top1("sprakling", "nearlink"),
                Case.top1("huaewi wacth", "huawei-watch-gt-4"),
                Case.top1("sparklnik", "nearlink"),
                // run together and split apart
                Case.top1("harmonyos4", "harmonyos-4"),
                Case.top1("Harmony OS", "harmonyos"),
                Case.top1("near link", "nearlink"),
                Case.top1("watchgt4", "huawei-watch-gt-4"),
                Case.top1("watch gt4", "huawei-watch-gt-4"),
                Case.top1("Harmony-OS 4.0", "harmonyos-4"),
                // descriptions and evidence: what a thing is or does
                Case.top1("short-range radio link with low latency", "nearlink"),
                Case.top1("cockpit software for car makers", "digital-cockpit"),
                Case.top3("business series of commercial smart screens", "huawei-qingyun"),
                Case.top1("social media platform", "weibo"),
                Case.top3("switch tasks between phones and tablets", "distributed-task-switching"),
                Case.top3("100 million devices in 87 days", "harmonyos-4"),
                Case.top3("home market", "mainland-china"),
                Case.top3("true wireless stereo", "hearables"),
                Case.top3("revolutionary operating system", "harmonyos-4"),
                // prefixes
                Case.top1("harmo", "harmonyos"),
                Case.top1("qingyun print", "huawei-qingyun-printers"),
                // type filters, subclasses included
                new Case("watch", "Device", "huawei-watch-gt-4", 1),
                new Case("huawei", "Smartwatch", "huawei-watch-gt-4", 1),
                new Case("harmonyos", "OperatingSystemRelease", "harmonyos-4", 3),
                new Case("qingyun printers", "Device", "huawei-qingyun-printers", 1),
                new Case("huawei", "Article", "huawei-has-established-differentiation-barriers-within-its-ecosystem", 3));
    }

    /**
     * Typo clauses (automata, the costly part of a search) only for input that has something
     * unknown: not for a known name, known name words or the start of a name.
     */
    @ParameterizedTest(name = "{0}: typo clauses {1}")
    @CsvSource({"Huawei, false", "Automotive, false", "automotive partners, false", "Watch, false", "Distributed, false",
            "harmonyo, false", "Automotiv, false", "Autmotive, true", "harmony so, true", "huawie, true", "wacth gt4, true"})
    void typoClausesOnlyForSomethingUnknown(String text, boolean typos) throws IOException {
        Snapshot snapshot = seed.index.acquire();
        try {
            Query query = new SearchQueries().plain(text, snapshot.getIndexReader());
            List<Query> fuzzy = new ArrayList<>();
            query.visit(new QueryVisitor() {
                @Override
                public void visitLeaf(Query leaf) {
                    if (leaf instanceof FuzzyQuery) {
                        fuzzy.add(leaf);
                    }
                }

                @Override
                public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                    return this;
                }
            });
            assertThat(!fuzzy.isEmpty()).as("typo clauses in %s", query).isEqualTo(typos);
        } finally {
            seed.index.release(snapshot);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRightEntityComesFirst(Case c) {
        SearchResult result = seed.search.search(new SearchRequest(c.query(), c.type(), null, 10, 0, false,
                SearchRequest.Syntax.PLAIN));
        List<String> ids = result.hits().stream().map(SearchResult.Hit::id).toList();
        assertThat(ids.subList(0, Math.min(c.within(), ids.size()))).as("top hits %s", ids).contains(c.expected());
    }

    /**
     * Words of a source's title find the entities the source supports; a single word is taken as
     * a name and finds only what it names, not every entity of every source that mentions it.
     */
    @Test
    void titleWordsFindWhatTheSourceSupportsOneWordDoesNot() {
        SearchResult title = seed.search.search(new SearchRequest("unifying triumph", null, null, 100, 0, false,
                SearchRequest.Syntax.PLAIN));
        assertThat(title.hits().stream().map(SearchResult.Hit::id))
                .contains("huaweis-harmonyos-4-a-unifying-triumph-with-100-million-devices-worldwide", "harmonyos-4");
        assertThat(title.facets().get("source")).containsKey(
                "huaweis-harmonyos-4-a-unifying-triumph-with-100-million-devices-worldwide");
        SearchResult word = seed.search.search(SearchRequest.of("triumph"));
        assertThat(word.hits().stream().map(SearchResult.Hit::id))
                .containsExactly("huaweis-harmonyos-4-a-unifying-triumph-with-100-million-devices-worldwide");
    }
}
