package io.cigraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QuestionIT extends IntegrationTest {

    private static List<JsonNode> rows(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        r.json().get("rows").forEach(rows::add);
        return rows;
    }

    @Test
    void theCatalogueListsEachQuestionWithItsParameters() {
        Response r = get("/api/questions");
        assertThat(r.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().forEach(q -> {
            names.add(q.get("name").asString());
            assertThat(q.get("description").asString()).isNotBlank();
            assertThat(q.get("parameters")).isNotEmpty();
        });
        assertThat(names).contains("products-of-vendor-by-category", "technologies-a-device-supports",
                "partners-of-vendor", "observations-of-metric");
    }

    @Test
    void productsOfAVendorAreGroupedByCategoryIncludingSeriesMembers() {
        List<JsonNode> rows = rows(get("/api/questions/products-of-vendor-by-category?vendor=huawei"));
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get(0).asString()).isEqualTo("tablets");
            assertThat(row.get(2).toString()).contains("huawei-qingyun-tablets");
        });
    }

    @Test
    void aDeviceSupportsWhatItsSoftwareFamilyProvides() {
        List<JsonNode> rows = rows(get("/api/questions/technologies-a-device-supports?device=huawei-watch-gt-4"));
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get(0).asString()).isEqualTo("distributed-task-switching");
            assertThat(row.get(2).toString()).contains("harmonyos-4", "harmonyos");
        });
    }

    @Test
    void partnersOfAVendorWithTheOfferingsTheyGet() {
        List<JsonNode> rows = rows(get("/api/questions/partners-of-vendor?vendor=huawei"));
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get(0).asString()).isEqualTo("automotive-partners");
            assertThat(row.get(3).toString()).contains("digital-cockpit", "self-driving-support");
        });
    }

    @Test
    void observationsOfAMetricComeInTimeOrderWithTypedDates() {
        List<JsonNode> rows = rows(get("/api/questions/observations-of-metric?metric=market-share"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4).allSatisfy(row -> {
            assertThat(row.get(1).asString()).isEqualTo("huawei");
            assertThat(row.get(8).get("kind").asString()).isEqualTo("date");
        });
    }

    @Test
    void aMissingParameterIs400AndAnUnknownQuestion404() {
        Response missing = get("/api/questions/partners-of-vendor");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("parameter").asString()).isEqualTo("vendor");
        assertThat(get("/api/questions/no-such-question").status()).isEqualTo(404);
    }
}
