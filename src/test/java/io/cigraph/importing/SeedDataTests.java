package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cigraph.model.RelationRecord;
import io.cigraph.model.ResourceRecord;
import io.cigraph.ontology.Ontology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bundled seed data, checked without any store: every record valid, every relation sourced. */
class SeedDataTests {

    private static final Ontology ONTOLOGY = Ontology.load(Path.of("ontology"), "https://w3id.org/cigraph/id/",
            "https://w3id.org/cigraph/ontology#");

    private static RecordMapper.Mapped mapSeed(List<ImportProblem> problems) throws IOException {
        byte[] content = Files.readAllBytes(Path.of("import/huawei-ecosystem.ttl"));
        TurtleFile turtle = TurtleFile.parse("huawei-ecosystem.ttl", content, ONTOLOGY.baseIri());
        problems.addAll(turtle.syntaxErrors());
        RecordMapper mapper = new RecordMapper(ONTOLOGY, "huawei-ecosystem.ttl", turtle, ids -> Map.of());
        RecordMapper.Mapped mapped = mapper.map();
        problems.addAll(mapper.problems());
        problems.addAll(ShapeCheck.check(ONTOLOGY, "huawei-ecosystem.ttl", mapped, turtle).errors());
        return mapped;
    }

    @Test
    void theSeedDataIsValidAgainstTheShapes() throws IOException {
        List<ImportProblem> problems = new java.util.ArrayList<>();
        mapSeed(problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRelationBetweenEntitiesCitesASourceWithAShortQuote() throws IOException {
        RecordMapper.Mapped seed = mapSeed(new java.util.ArrayList<>());
        Set<String> sources = seed.resources().stream().filter(r -> r.types().contains("Article"))
                .map(ResourceRecord::id).collect(Collectors.toSet());
        List<RelationRecord> relations = seed.relations().stream()
                .filter(r -> ONTOLOGY.findProperty(r.predicate()).orElseThrow().relation()).toList();
        assertThat(relations).hasSizeGreaterThan(60);
        assertThat(relations).allSatisfy(r -> {
            assertThat(sources).as("source of %s", r).contains(r.provenance().source());
            assertThat(r.provenance().evidence().trim().split("\\s+").length).as("words in %s", r).isLessThanOrEqualTo(25);
            assertThat(r.line()).isPositive();
        });
    }

    @Test
    void theSeedNamesTheEntitiesOfTheArticlesWithChineseAliases() throws IOException {
        Map<String, ResourceRecord> byId = mapSeed(new java.util.ArrayList<>()).resources().stream()
                .collect(Collectors.toMap(ResourceRecord::id, r -> r));
        assertThat(byId).containsKeys("huawei", "harmonyos", "harmonyos-4", "harmonyos-3", "nearlink", "huawei-watch-gt-4",
                "huawei-qingyun", "digital-cockpit", "self-driving-support", "automotive-partners",
                "harmonyos-4-initial-update-list", "mainland-china");
        assertThat(byId.get("nearlink").aliases()).anySatisfy(a -> {
            assertThat(a.text()).isEqualTo("星闪");
            assertThat(a.language()).isEqualTo("zh");
        });
        assertThat(byId.get("harmonyos-4-installations-first-87-days").properties())
                .containsEntry("value", 100000000L).containsEntry("metric", "installations");
        assertThat(byId.get("harmonyos-4-initial-update-list").properties()).containsEntry("deviceCount", 69L);
    }
}
