package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The search and suggest endpoints over HTTP, with their problem details. */
class SearchApiIT extends IntegrationTest {

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(h -> ids.add(h.get("id").asString()));
        return ids;
    }

    private void assertBadRequest(Response r, String parameter) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).isNotBlank();
        if (parameter != null) {
            assertThat(r.json().get("parameter").asString()).isEqualTo(parameter);
        }
    }

    @Test
    void searchFindsByNameAndHighlightsTheMatch() {
        Response r = get("/api/search?q=" + enc("Huawei Watch GT 4"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode hit = r.json().get("hits").get(0);
        assertThat(hit.get("id").asString()).isEqualTo("huawei-watch-gt-4");
        assertThat(hit.get("label").asString()).isEqualTo("Huawei Watch GT 4");
        assertThat(ids(r.json().get("hits"))).doesNotHaveDuplicates();
        assertThat(hit.get("types").get(0).asString()).isEqualTo("Smartwatch");
        assertThat(hit.get("highlights").get("name").asString()).contains("<em>Watch</em>");
        assertThat(hit.get("score").asDouble()).isPositive();
        assertThat(r.json().get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(hit.get("explanation").isNull()).isTrue();
    }

    @Test
    void aTypeFilterFindsSubclassesAndFacetsCountTypesAndSources() {
        Response r = get("/api/search?q=huawei&type=Device&limit=50");
        assertThat(r.status()).isEqualTo(200);
        assertThat(ids(r.json().get("hits"))).contains("huawei-watch-gt-4", "huawei-qingyun-tablets")
                .doesNotContain("huawei", "harmonyos", "huawei-qingyun");
        JsonNode facets = r.json().get("facets");
        assertThat(facets.get("type").get("Device").asInt()).isEqualTo(r.json().get("total").asInt());
        assertThat(facets.get("type").get("Smartwatch").asInt()).isPositive();
        Response all = get("/api/search?q=huawei");
        assertThat(all.json().get("facets").get("source")
                .has("huawei-has-established-differentiation-barriers-within-its-ecosystem")).isTrue();
        assertThat(all.json().get("facets").get("type").get("Vendor").asInt()).isPositive();
    }

    @Test
    void aSourceFilterKeepsTheEntitiesItsFacetCountsAndAnUnknownSourceIsA400() {
        String source = "huawei-has-established-differentiation-barriers-within-its-ecosystem";
        int counted = get("/api/search?q=huawei").json().get("facets").get("source").get(source).asInt();
        Response r = get("/api/search?q=huawei&limit=100&source=" + source);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("total").asInt()).isEqualTo(counted).isPositive();
        assertThat(r.json().get("hits")).hasSize(counted);
        assertBadRequest(get("/api/search?q=huawei&source=no-such-source"), "source");
    }

    @Test
    void pagesDoNotOverlap() {
        List<String> first = ids(get("/api/search?q=huawei&limit=3").json().get("hits"));
        List<String> second = ids(get("/api/search?q=huawei&limit=3&offset=3").json().get("hits"));
        assertThat(first).hasSize(3);
        assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);
    }

    @Test
    void explainGivesTheScoreBreakdown() {
        JsonNode hit = get("/api/search?q=nearlnk&explain=true").json().get("hits").get(0);
        assertThat(hit.get("id").asString()).isEqualTo("nearlink");
        JsonNode explanation = hit.get("explanation");
        assertThat(explanation.get("value").asDouble()).isEqualTo(hit.get("score").asDouble(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(explanation.toString()).contains("connectedness").contains("name_key:nearlnk");
    }

    @Test
    void evidencePassagesAreHighlightedWithTheirSource() {
        JsonNode hit = get("/api/search?q=" + enc("revolutionary operating system")).json().get("hits").get(0);
        assertThat(hit.get("highlights").get("evidence").asString()).contains("<em>revolutionary</em>");
        assertThat(hit.get("evidenceSource").asString()).isNotBlank();
    }

    @Test
    void specialCharactersAreTextUnlessTheCallerAsksForLuceneSyntax() {
        Response plain = get("/api/search?q=" + enc("HarmonyOS:4 AND (\"[*~^"));
        assertThat(plain.status()).isEqualTo(200);
        assertThat(ids(plain.json().get("hits"))).contains("harmonyos-4");
        Response lucene = get("/api/search?syntax=lucene&q=" + enc("harmonyos AND (os"));
        assertBadRequest(lucene, "q");
        assertThat(lucene.json().get("detail").asString()).contains("Lucene syntax");
        assertBadRequest(get("/api/search?syntax=lucene&q=" + enc("/(a|aa)*.{1,1000}(b|bb)*.{1,1000}/")), "q");
        assertBadRequest(get("/api/search?syntax=lucene&q=" + enc("*armony")), "q");
        Response advanced = get("/api/search?syntax=lucene&q=" + enc("name_words:nearlink OR description:cockpit"));
        assertThat(ids(advanced.json().get("hits"))).contains("nearlink", "digital-cockpit");
    }

    @Test
    void badRequestsAreProblemDetailsThatSayWhatToFix() {
        assertBadRequest(get("/api/search"), "q");
        assertBadRequest(get("/api/search?q=%20%20"), "q");
        assertBadRequest(get("/api/search?q=" + enc("?!")), "q");
        assertBadRequest(get("/api/search?q=huawei&type=Spaceship"), "type");
        assertBadRequest(get("/api/search?q=huawei&limit=0"), "limit");
        assertBadRequest(get("/api/search?q=huawei&limit=5000"), "limit");
        assertBadRequest(get("/api/search?q=huawei&offset=-1"), "offset");
        assertBadRequest(get("/api/search?q=huawei&syntax=regex"), "syntax");
        assertBadRequest(get("/api/search?q=" + "a".repeat(500)), "q");
        assertBadRequest(get("/api/search?q=huawei&limit=ten"), null);
        assertBadRequest(get("/api/suggest"), "q");
        assertBadRequest(get("/api/suggest?q=ha&limit=-2"), "limit");
    }

    @Test
    void suggestCompletesNamesFromTheirStartAndInsideThem() {
        Response harm = get("/api/suggest?q=harm");
        assertThat(harm.status()).isEqualTo(200);
        assertThat(ids(harm.json().get("suggestions")).getFirst()).isEqualTo("harmonyos");
        assertThat(ids(get("/api/suggest?q=watch").json().get("suggestions"))).contains("huawei-watch-gt-4");
        assertThat(ids(get("/api/suggest?q=gt4").json().get("suggestions"))).contains("huawei-watch-gt-4");
        JsonNode qingyun = get("/api/suggest?q=" + enc("擎云")).json().get("suggestions").get(0);
        assertThat(qingyun.get("id").asString()).isEqualTo("huawei-qingyun");
        assertThat(qingyun.get("matched").asString()).isEqualTo("擎云");
        assertThat(ids(get("/api/suggest?q=" + enc("near l")).json().get("suggestions")).getFirst()).isEqualTo("nearlink");
        assertThat(ids(get("/api/suggest?q=qingyun&type=Printer").json().get("suggestions")))
                .containsExactly("huawei-qingyun-printers");
    }
}
