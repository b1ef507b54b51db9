package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The explorer page in a real browser against the real service and the seed graph: what a
 * strategist or a researcher sees, asserted on the page's text. Screenshots of every step land
 * in target/screenshots/ (1366x768). After each test the browser's console must hold no error.
 */
class ExplorerIT extends IntegrationTest {

    private static Browser browser;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = new Browser(port);
        }
        browser.severeConsoleEntries();
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(browser.severeConsoleEntries()).as("severe browser console entries").isEmpty();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void theServiceServesTheExplorerAtTheRootWithItsLibrariesFromTheJar() {
        Response page = get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("ci-graph explorer", "js/app.js", "/swagger-ui.html");
        assertThat(get("/webjars/cytoscape/dist/cytoscape.min.js").status()).isEqualTo(200);
        assertThat(get("/webjars/chart.js/dist/chart.umd.min.js").status()).isEqualTo(200);
    }

    @Test
    void aMisspeltSearchFindsNearLinkSaysWhyAndLeadsToItsSourcedRelations() {
        browser.open("/");
        WebElement box = browser.find("#q");
        box.sendKeys("nearlnk", Keys.ENTER);
        browser.waitForView();
        String hit = browser.waitForText(".hit", "NearLink");
        assertThat(browser.find(".hit .why").getText()).as("why it matched").contains("name:").contains("NearLink");
        assertThat(browser.all(".facet legend")).extracting(WebElement::getText).contains("Type", "Source");
        assertThat(hit).contains("Short-range wireless technology");
        browser.screenshot("01-search-typo");

        browser.clickLink("NearLink");
        browser.waitForView();
        assertThat(browser.hash()).isEqualTo("#/entity/nearlink");
        String relation = browser.waitForText("#rel-develops-in", "Huawei");
        assertThat(relation).contains("developed by")
                .contains("Source: Huawei Has Established Differentiation Barriers Within Its Ecosystem (2023-10-20)")
                .contains("Huawei's wireless connection technology, NearLink, offers a low-power");
        assertThat(browser.find(".aliases").getText()).contains("星闪", "zh", "SparkLink");
        browser.screenshot("02-entity-nearlink");

        browser.back();
        assertThat(browser.hash()).isEqualTo("#/?q=nearlnk");
        browser.waitForText(".hit", "NearLink");
        browser.forward();
        assertThat(browser.hash()).isEqualTo("#/entity/nearlink");
        browser.waitForText(".entity-head h1", "NearLink");
    }

    @Test
    void autocompleteFindsTheWatchWhosePageSaysWhatItRunsAndWhichArticleSaysSo() {
        browser.open("/");
        browser.find("#q").sendKeys("watch");
        browser.waitForText("#q + .suggestions", "Huawei Watch GT 4");
        browser.find("#q").sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        browser.waitForView();
        assertThat(browser.hash()).isEqualTo("#/entity/huawei-watch-gt-4");
        String runs = browser.waitForText("#rel-runs-out", "HarmonyOS 4");
        assertThat(runs).startsWith("runs")
                .contains("Source: Huawei’s HarmonyOS 4: A Unifying Triumph with 100 Million Devices Worldwide (undated)")
                .contains("confidence 90%")
                .contains("wearables like the Huawei Watch GT 4, equipped with HarmonyOS 4");
        assertThat(browser.find("#rel-develops-in").getText()).startsWith("developed by").contains("Huawei");
        browser.screenshot("03-entity-watch");
    }

    @Test
    void theHeaderBoxSuggestsFromAChineseNameAndOpensTheEntity() {
        browser.open("/#/sources");
        browser.find("#quick-q").sendKeys("星闪");
        browser.waitForText("#quick-q + .suggestions", "NearLink");
        assertThat(browser.find("#quick-q + .suggestions").getText()).contains("(星闪)");
        browser.find("#quick-q").sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        browser.waitForView();
        assertThat(browser.hash()).isEqualTo("#/entity/nearlink");
    }

    @Test
    void theEntityPageOfTheSeedGraphIsDrawnWithinASecond() {
        browser.open("/#/");
        browser.script("location.href = 'about:blank'");
        long started = System.nanoTime();
        browser.open("/#/entity/huawei-watch-gt-4");
        browser.screenshot("00-entity-first-load");
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        long readyAt = Long.parseLong((String) browser.script("return document.body.dataset.readyAtMs"));
        long viewMs = Long.parseLong((String) browser.script("return document.body.dataset.viewMs"));
        Object navigation = browser.script("const n = performance.getEntriesByType('navigation')[0]; return Math.round(n.loadEventEnd - n.startTime);");
        System.out.printf("Entity page huawei-watch-gt-4: drawn %d ms after navigation start (load event at %s ms, view %d ms), %d ms wall time in the test%n",
                readyAt, navigation, viewMs, wallMs);
        assertThat(readyAt).as("ms from navigation start until the entity is drawn").isLessThan(1000);
    }

    @Test
    void adoptionFiguresOfOneStatementSitTogetherAndMarketShareCategoriesAreCharted() {
        browser.open("/#/entity/harmonyos-4");
        String adoption = browser.all(".figure-group").stream().map(WebElement::getText)
                .filter(t -> t.contains("100,000,000 devices")).findFirst().orElseThrow();
        assertThat(adoption).contains("87 days", "1,100,000 installations per day", "Worldwide", "Weibo")
                .doesNotContain("69 device models");
        browser.screenshot("04-figures-harmonyos-4");

        browser.open("/#/entity/huawei");
        String share = browser.waitForText(".figure-group", "Market share");
        assertThat(share).contains("Mainland China", "Wearables", "Desktops", "Notebooks", "Hearables", "H1 2019 to H1 2023");
        assertThat(browser.all(".figure-group tbody tr")).hasSize(4)
                .allSatisfy(row -> assertThat(row.getText()).contains("grew"));
        assertThat(browser.all(".figure-group canvas")).as("a chart of the categories").hasSize(1);
        browser.screenshot("05-figures-huawei");

        browser.clickLink("Figures");
        browser.waitForView();
        String all = browser.waitForText(".figures-view", "100,000,000 devices");
        assertThat(all).contains("Market share in Mainland China", "↑ grew", "Wearables", "HarmonyOS 4", "87 days", "1,100,000 installations per day");
        browser.screenshot("05b-figures-page");
    }

    @Test
    void aBigNodeShowsTrueCountsAndPagesThroughTheRelationsOfEachKind() {
        // relations=5 makes Huawei's 24 relations too many for the first answer, as 10,000 would be.
        browser.open("/#/entity/huawei?relations=5");
        String competes = browser.waitForText("#rel-competesIn-out", "Show more (5 left)");
        assertThat(competes).startsWith("competes in 10");
        assertThat(browser.all("#rel-competesIn-out .relation")).hasSize(5);
        browser.click("#rel-competesIn-out button.more");
        browser.waitForText("#rel-competesIn-out", "Smart home solutions");
        assertThat(browser.all("#rel-competesIn-out .relation")).hasSize(10);
        assertThat(browser.all("#rel-competesIn-out button.more").getFirst().isDisplayed()).isFalse();
        assertThat(browser.find("#rel-providesTo-out").getText()).contains("Automotive partners");
        assertThat(browser.find(".figure-group").getText()).contains("Market share");
    }

    @Test
    void theGraphExpandsFiltersAndKeepsItsTableInStep() {
        browser.open("/#/entity/nearlink");
        browser.clickLink("Show as graph");
        browser.waitForView();
        browser.waitForText("#graph-status", "2 entities and 1 connections");
        browser.click("#graph-relations button");
        // Huawei's 24 relations reach 23 entities (it both partners with and provides to its automotive partners).
        browser.waitForText("#graph-status", "24 entities and 24 connections");
        assertThat(browser.all("#graph-relations tbody tr")).hasSize(24);
        assertThat(browser.find("#graph-relations").getText()).contains("Huawei Watch GT 4", "Digital cockpit");
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("06-graph-expanded");

        // Devices only: the nodes expanded by hand stay, with the edges between what is shown.
        new Select(browser.find("#graph-type")).selectByVisibleText("Device");
        browser.waitForText("#graph-status", "3 entities and 2 connections");
        assertThat(browser.all("#graph-relations tbody tr")).extracting(WebElement::getText)
                .anySatisfy(row -> assertThat(row).contains("Huawei", "develops", "Huawei Watch GT 4"))
                .anySatisfy(row -> assertThat(row).contains("Huawei", "develops", "NearLink"));
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("07-graph-devices");

        new Select(browser.find("#graph-type")).selectByVisibleText("all types");
        browser.find(".relation-filter input[value='competesIn']").click();
        browser.waitForText("#graph-status", "14 connections");
        assertThat(browser.find("#graph-relations").getText()).doesNotContain("competes in");
    }

    @Test
    void aHubShowsOnePageOfNeighboursAndTheNextOnRequest() {
        browser.open("/#/graph/huawei?limit=10");
        browser.waitForText(".graph-side", "24 connections, 10 drawn");
        assertThat(browser.all("#graph-relations tbody tr")).hasSize(10);
        browser.screenshot("08-graph-hub");
        browser.click(".graph-side button");
        browser.waitForText(".graph-side", "24 connections, 20 drawn");
        assertThat(browser.all("#graph-relations tbody tr")).hasSize(20);
    }

    @Test
    void thePathFinderShowsHowNearLinkReachesTheWatchWithEvidence() {
        browser.open("/#/paths");
        browser.find("#path-from").sendKeys("nearl");
        browser.waitForText("#path-from + .suggestions", "NearLink");
        browser.find("#path-from").sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        browser.find("#path-to").sendKeys("watch gt");
        browser.waitForText("#path-to + .suggestions", "Huawei Watch GT 4");
        browser.find("#path-to").sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        browser.click(".path-form button[type=submit]");
        browser.waitForView();
        String path = browser.waitForText(".path", "Path 1");
        assertThat(path).contains("NearLink — Huawei — Huawei Watch GT 4")
                .contains("Huawei develops NearLink")
                .contains("Huawei develops Huawei Watch GT 4")
                .contains("Source: Huawei Has Established Differentiation Barriers Within Its Ecosystem")
                .contains("NearLink, offers a low-power");
        browser.screenshot("09-paths");
    }

    @Test
    void aRelationFilterFindsOnlyPathsThroughThatRelation() {
        browser.open("/#/paths?from=nearlink&to=huawei-watch-gt-4&maxHops=3&relation=develops");
        String results = browser.waitForText(".path-results", "using only");
        assertThat(results).contains("NearLink — Huawei — Huawei Watch GT 4").doesNotContain("Wearables");
        browser.open("/#/paths?from=nearlink&to=huawei-watch-gt-4&maxHops=3&relation=runs");
        assertThat(browser.waitForText(".path-results", "No path within 3 hops")).contains("Allow any relation");
    }

    @Test
    void noPathWithinTheHopLimitSaysSoAndOffersOneHopMore() {
        browser.open("/#/paths?from=nearlink&to=huawei-watch-gt-4&maxHops=1");
        String message = browser.waitForText(".path-results", "No path within 1 hop");
        assertThat(message).contains("Try 2 hops");
        browser.screenshot("10-no-path");
        browser.click(".path-results button");
        browser.waitForView();
        browser.waitForText(".path", "NearLink — Huawei — Huawei Watch GT 4");
    }

    @Test
    void aSparqlQueryAnswersAsATableWhoseEntitiesLinkToTheirPages() {
        browser.open("/#/query?tab=sparql");
        assertThat(browser.find(".query-panel").getText()).contains("kg:", "rdfs:", "skos:");
        browser.click("#run-query");
        String table = browser.waitForText("#query-table", "Huawei Watch GT 4");
        assertThat(table).contains("HarmonyOS 4", "equipped with HarmonyOS 4");
        assertThat(browser.find("#query-table a.entity").getAttribute("href")).endsWith("#/entity/huawei-watch-gt-4");
        assertThat(browser.find("#download-csv").getText()).isEqualTo("Download CSV");
        browser.screenshot("11-sparql");

        browser.clickLink("Cypher");
        browser.waitForView();
        browser.click(".examples button:nth-of-type(2)");
        browser.waitForText("#query-table", "Huawei Watch GT 4");
    }

    @Test
    void aSavedQuestionAnswersWithLabelsNotOnlyIds() {
        browser.open("/#/query?tab=questions");
        browser.click("#question-technologies-a-device-supports button[type=submit]");
        String answer = browser.waitForText("#question-technologies-a-device-supports table", "Distributed task switching");
        assertThat(answer).contains("Huawei Watch GT 4", "HarmonyOS 4",
                "Huawei Has Established Differentiation Barriers Within Its Ecosystem");
        browser.script("arguments[0].scrollIntoView()", browser.find("#question-technologies-a-device-supports"));
        browser.screenshot("12-saved-question");
    }

    @Test
    void aSourcePageListsWhatItSupportsAPageAtATime() {
        browser.open("/#/sources");
        browser.clickLink("Huawei Has Established Differentiation Barriers Within Its Ecosystem");
        browser.waitForView();
        assertThat(browser.waitForText(".pager", "1–20 of 46")).isNotBlank();
        assertThat(browser.all(".source-view .relation")).hasSize(20);
        browser.screenshot("13-source");
        browser.click(".pager button:last-child");
        browser.waitForView();
        browser.waitForText(".pager", "21–40 of 46");
    }

    @Test
    void whereTwoImportsDisagreeThePageShowsBothValuesWithTheirSourcesAndTheHistory() {
        String first = """
                @prefix kg: <https://w3id.org/cigraph/ontology#> . @prefix res: <https://w3id.org/cigraph/id/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix dcterms: <http://purl.org/dc/terms/> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                res:dispute-memo-2023 a kg:Article ; rdfs:label "Dispute memo 2023" ; kg:title "Dispute memo 2023" ;
                    kg:publishedOn "2023-01-10"^^xsd:date .
                res:disputed-maker a kg:Vendor ; rdfs:label "Disputed Maker" ; dcterms:description "Makes routers." ;
                    kg:develops res:nearlink {| kg:source res:dispute-memo-2023 ; kg:evidence "The memo of 2023 says it works on NearLink." |} .
                """;
        String second = first.replace("2023", "2025").replace("Makes routers.", "Makes routers and phones.");
        Response a = post("/api/imports?name=dispute-a.ttl", "text/turtle", first.getBytes(java.nio.charset.StandardCharsets.UTF_8), API_KEY);
        Response b = post("/api/imports?name=dispute-b.ttl", "text/turtle", second.getBytes(java.nio.charset.StandardCharsets.UTF_8), API_KEY);
        try {
            assertThat(a.status()).as(a.body()).isEqualTo(201);
            assertThat(b.status()).as(b.body()).isEqualTo(201);
            browser.open("/#/entity/disputed-maker");
            String differ = browser.waitForText(".differences", "Where sources differ");
            assertThat(differ).contains("Makes routers and phones.", "Dispute memo 2025", "shown (later source date)",
                    "Makes routers.", "Dispute memo 2023");
            // The relation both files state: each file's provenance, the later source's shown, the other beside it.
            JsonNode develops = get("/api/entities/disputed-maker").json().get("relations").get(0);
            assertThat(develops.get("provenance").get("source").get("id").asString()).isEqualTo("dispute-memo-2025");
            assertThat(develops.get("alternatives")).hasSize(2);
            assertThat(develops.get("alternatives").get(0).get("why").asString()).isEqualTo("later source date");
            assertThat(develops.get("alternatives").get(1).get("value").get("source").asString()).isEqualTo("dispute-memo-2023");
            assertThat(browser.waitForText(".also-stated", "Dispute memo 2023")).contains("The memo of 2023 says it works on NearLink.");
            browser.click(".history summary");
            String history = browser.waitForText(".history-list", "dispute-b.ttl");
            assertThat(history).contains("dispute-a.ttl", "Dispute memo 2023");
            browser.screenshot("15-entity-sources-differ");
        } finally {
            // Other tests read the shared graph: both imports are taken back.
            delete("/api/imports/" + b.json().get("batch").asString(), API_KEY);
            delete("/api/imports/" + a.json().get("batch").asString(), API_KEY);
        }
    }

    @Test
    void anUnknownEntityIsExplainedInPlainWords() {
        browser.open("/#/entity/no-such-thing");
        String problem = browser.waitForText(".problem", "Unknown resource");
        assertThat(problem).contains("No resource has the id 'no-such-thing'", "Search for it by name instead: “no such thing”");
        browser.screenshot("14-unknown-entity");
        // The browser reports the 404 itself; seeing it here shows that the console check after each test works.
        assertThat(browser.severeConsoleEntries()).singleElement().asString().contains("no-such-thing", "404");
    }
}
