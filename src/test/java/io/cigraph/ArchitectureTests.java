package io.cigraph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/** Keeps the arrows between features as DESIGN.md draws them. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.cigraph");

    @Test
    void theOntologyAndTheRecordsDependOnNoOtherFeature() {
        noClasses().that().resideInAnyPackage("io.cigraph.ontology..", "io.cigraph.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cigraph.graph..", "io.cigraph.rdf..", "io.cigraph.importing..",
                        "io.cigraph.web..", "io.cigraph.system..")
                .check(CLASSES);
    }

    @Test
    void nameKeysDependOnNoOtherFeature() {
        noClasses().that().resideInAPackage("io.cigraph.resolution..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cigraph.graph..", "io.cigraph.rdf..", "io.cigraph.search..",
                        "io.cigraph.importing..", "io.cigraph.ontology..", "io.cigraph.model..", "io.cigraph.web..", "io.cigraph.system..")
                .check(CLASSES);
    }

    @Test
    void storesDoNotKnowAboutImportingOrTheWeb() {
        noClasses().that().resideInAnyPackage("io.cigraph.graph..", "io.cigraph.rdf..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cigraph.importing..", "io.cigraph.web..")
                .check(CLASSES);
    }

    @Test
    void theTwoStoresDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("io.cigraph.rdf..")
                .should().dependOnClassesThat().resideInAPackage("io.cigraph.graph..").check(CLASSES);
        noClasses().that().resideInAPackage("io.cigraph.graph..")
                .should().dependOnClassesThat().resideInAPackage("io.cigraph.rdf..").check(CLASSES);
    }

    @Test
    void onlyTheWebServesHttpAndNothingDependsOnIt() {
        classes().that().areAnnotatedWith(RestController.class).should().resideInAPackage("io.cigraph.web..")
                .andShould().notBePublic().check(CLASSES);
        noClasses().that().resideOutsideOfPackage("io.cigraph.web..")
                .should().dependOnClassesThat().resideInAPackage("io.cigraph.web..").check(CLASSES);
    }
}
