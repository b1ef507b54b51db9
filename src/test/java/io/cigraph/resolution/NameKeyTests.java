package io.cigraph.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameKeyTests {

    @Test
    void aCompanyNameWithItsLegalFormIsTheBareName() {
        assertThat(NameKey.of("Huawei Technologies Co., Ltd.")).isEqualTo("huawei");
        assertThat(NameKey.of("huawei")).isEqualTo("huawei");
        assertThat(NameKey.of("Huawei")).isEqualTo("huawei");
    }

    @Test
    void fullWidthLettersAreTheirAsciiLetters() {
        assertThat(NameKey.of("ＨＵＡＷＥＩ")).isEqualTo("huawei");
        assertThat(NameKey.of("ＨＵＡＷＥＩ　Ｔｅｃｈｎｏｌｏｇｉｅｓ")).isEqualTo("huawei");
    }

    @Test
    void differentCompaniesStayDifferent() {
        assertThat(NameKey.of("Honor")).isNotEqualTo(NameKey.of("Huawei"));
        assertThat(NameKey.of("Honor Device Co., Ltd.")).isEqualTo("honordevice");
        assertThat(NameKey.of("Huawei Cloud")).isEqualTo("huaweicloud");
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
            // case, spaces and punctuation
            "Harmony OS|harmonyos",
            "HARMONY-OS|harmonyos",
            "harmony_os!|harmonyos",
            // accents: combining marks go, precomposed letters too
            "Société Générale|societegenerale",
            "Citroe\u0308n|citroen",
            "Škoda Auto|skodaauto",
            "Øresund|oresund",
            // each legal or corporate suffix
            "Acme Ltd|acme",
            "Acme Ltd.|acme",
            "Acme Limited|acme",
            "Acme Inc.|acme",
            "Acme, Inc|acme",
            "Acme Incorporated|acme",
            "Acme Corp.|acme",
            "Acme Corporation|acme",
            "Acme Co.|acme",
            "Acme Company|acme",
            "Acme GmbH|acme",
            "Acme AG|acme",
            "Acme S.A.|acme",
            "Acme SA|acme",
            "Acme S.p.A.|acme",
            "Acme N.V.|acme",
            "Acme B.V.|acme",
            "Acme LLC|acme",
            "Acme PLC|acme",
            "Acme LLP|acme",
            "Acme Pte. Ltd.|acme",
            "Acme Technologies|acme",
            "Acme Technology|acme",
            "Acme Group|acme",
            "Acme Holdings|acme",
            "Acme Holding|acme",
            // suffixes stack, and go only from the end
            "Acme Group Holdings Co., Ltd.|acme",
            "Acme Technology Group Co., Ltd.|acme",
            "Group Acme|groupacme",
            "Ltd Acme|ltdacme",
            // a word that only ends like a suffix stays whole
            "Biotech|biotech",
            "Paging|paging",
            "Blag|blag",
            // the name itself is never dropped
            "Group|group",
            "Technologies|technologies",
            "Co., Ltd.|co",
            // Chinese legal forms and the technology suffix
            "华为技术有限公司|华为",
            "华为|华为",
            "荣耀终端有限公司|荣耀终端",
            "比亚迪股份有限公司|比亚迪",
            "阿里巴巴集团|阿里巴巴",
            "腾讯控股有限公司|腾讯",
            "小米科技有限责任公司|小米",
            "华为 有限公司|华为",
            "有限公司|有限公司",
    })
    void normalises(String name, String key) {
        assertThat(NameKey.of(name)).isEqualTo(key);
    }

    @Test
    void aNameOfPunctuationOnlyHasNoKey() {
        assertThat(NameKey.of("—, .")).isEmpty();
    }
}
