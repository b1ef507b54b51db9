package io.cigraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.graph.Claims.Claim;
import io.cigraph.model.Alias;
import io.cigraph.model.Provenance;
import io.cigraph.model.ResourceRecord;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimsTests {

    private static Claim claim(String batch, long order, LocalDate date, String label, String description,
                               List<Alias> aliases, Map<String, Object> properties) {
        return new Claim(batch, order, date, null, new ResourceRecord("huawei", "https://w3id.org/cigraph/id/huawei",
                List.of("Vendor"), label, aliases, description, properties, 0), null);
    }

    @Test
    void anEntityIsTheUnionOfItsClaimsAndALaterImportNeverErasesWhatAnotherStated() {
        Claim seed = claim("seed", 1, null, "Huawei", "Chinese technology vendor",
                List.of(new Alias("华为", "zh")), Map.of("characteristic", List.of("full-stack R&D"), "foundedYear", "1987"));
        Claim list = claim("list", 2, null, "Huawei", null, List.of(new Alias("Huawei Device", "en")),
                Map.of("characteristic", List.of("devices")));

        ResourceRecord r = Claims.effective("huawei", "iri", List.of(seed, list));

        assertThat(r.description()).isEqualTo("Chinese technology vendor");
        assertThat(r.aliases()).containsExactlyInAnyOrder(new Alias("华为", "zh"), new Alias("Huawei Device", "en"));
        assertThat(r.properties()).containsEntry("foundedYear", "1987");
        assertThat(r.properties().get("characteristic")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder("full-stack R&D", "devices");
    }

    @Test
    void aSingleValueComesFromTheLaterSourceDateThenTheLaterImportAndTheLosingNameStaysAnAlias() {
        Claim older = claim("older", 9, LocalDate.of(2023, 1, 1), "Huawei Technologies", "old text", List.of(), Map.of());
        Claim newer = claim("newer", 1, LocalDate.of(2024, 1, 1), "Huawei", "new text", List.of(), Map.of());
        Claim undated = claim("undated", 20, null, "HW", "undated text", List.of(), Map.of());

        ResourceRecord r = Claims.effective("huawei", "iri", List.of(older, newer, undated));

        assertThat(r.label()).isEqualTo("Huawei");
        assertThat(r.description()).isEqualTo("new text");
        assertThat(r.aliases()).extracting(Alias::text).contains("Huawei Technologies", "HW");
        assertThat(Claims.why(newer, older)).isEqualTo("later source date");

        Claim sameDateLater = claim("later", 10, LocalDate.of(2024, 1, 1), "Huawei Co", "later text", List.of(), Map.of());
        assertThat(Claims.effective("huawei", "iri", List.of(newer, sameDateLater)).description()).isEqualTo("later text");
        assertThat(Claims.why(sameDateLater, newer)).isEqualTo("later import");
    }

    @Test
    void aRelationsProvenanceComesFromTheHigherConfidenceWhenTheDatesAreEqual() {
        Provenance sure = new Provenance("a", "quote a", 0.9, null, null);
        Provenance unsure = new Provenance("b", "quote b", 0.5, null, null);
        Claim first = new Claim("first", 1, null, 0.9, null, sure);
        Claim second = new Claim("second", 2, null, 0.5, null, unsure);

        assertThat(Claims.preferred(List.of(second, first)).provenance()).isEqualTo(sure);
        assertThat(Claims.why(first, second)).isEqualTo("higher confidence");
    }

    @Test
    void claimsSurviveTheirJsonWithTheirTypes() {
        Claim c = claim("seed", 3, LocalDate.of(2024, 2, 1), "Huawei", "d", List.of(new Alias("华为", "zh")),
                Map.of("launchYear", "2023", "count", 5L, "share", 0.25, "since", LocalDate.of(2020, 1, 2),
                        "tags", List.of("a", "b")));
        Claim p = new Claim("rel", 4, null, 0.7, null, new Provenance("s", "e", 0.7, LocalDate.of(2021, 1, 1), null));

        assertThat(Claims.read(Claims.write(List.of(c)), "huawei", "https://w3id.org/cigraph/id/huawei")).containsExactly(c);
        assertThat(Claims.read(Claims.write(List.of(p)), null, null)).containsExactly(p);
    }
}
