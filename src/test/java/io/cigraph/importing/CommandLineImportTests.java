package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineImportTests {

    private static final List<LikelyDuplicate.NameMatch> NAMES =
            List.of(new LikelyDuplicate.NameMatch("Huawei Technologies Co., Ltd.", "Huawei", "huawei"));

    @Test
    void aLikelyDuplicateLineNamesBothIdsTheMatchingNamesAndHowToMerge() {
        assertThat(CommandLineImport.describe(new LikelyDuplicate("huawei-technologies-co-ltd", 12L, "huawei", true, "name",
                NAMES, false, List.of())))
                .isEqualTo("likely duplicate: huawei-technologies-co-ltd (line 12) of huawei "
                        + "(\"Huawei Technologies Co., Ltd.\" = \"Huawei\"); --resolve=merge merges it");
    }

    @Test
    void aMergeLineSaysWhatWentIntoWhatAndWhereTheValuesDiffer() {
        assertThat(CommandLineImport.describe(new LikelyDuplicate("huawei-technologies-co-ltd", null, "huawei", true, "name",
                NAMES, true, List.of("description"))))
                .isEqualTo("merged: huawei-technologies-co-ltd into huawei (\"Huawei Technologies Co., Ltd.\" = \"Huawei\"); "
                        + "differs in description (see the entity's alternatives)");
        assertThat(CommandLineImport.describe(new LikelyDuplicate("zeta-devices-gmbh", 9L, "zeta-devices", false, "owl:sameAs",
                List.of(), true, List.of())))
                .isEqualTo("merged: zeta-devices-gmbh (line 9) into zeta-devices of this import (owl:sameAs)");
    }
}
