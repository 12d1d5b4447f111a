package io.llexthil.cli;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the host, checked on the compiled classes of every module (this module's test
 * class path holds them all): no package imports another that imports it back, no two classes
 * share a simple name (which would force fully qualified names in code), dependencies point one way
 * (link, shell, board, campaign, front ends) and the twin stands alone.
 */
class ArchitectureTest {
    private static JavaClasses host;

    @BeforeAll
    static void importHost() {
        host = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.llexthil");
    }

    @Test
    void everyModuleIsOnTheClassPath() {
        List<String> modules = List.of("link", "shell", "board", "twin", "campaign", "junit", "cli", "testkit");
        assertThat(host.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .containsExactlyInAnyOrderElementsOf(modules);
    }

    @Test
    void noCyclesBetweenModules() {
        slices().matching("io.llexthil.(*)..").should().beFreeOfCycles().check(host);
    }

    @Test
    void noPackageCyclesInTheBoardClientCampaignAndFrontEnds() {
        JavaClasses upper = host.that(resideInAnyPackage("io.llexthil.board..", "io.llexthil.campaign..",
                "io.llexthil.cli..", "io.llexthil.junit.."));
        slices().matching("io.llexthil.(**)").should().beFreeOfCycles().check(upper);
    }

    @Test
    void simpleClassNamesAreUnique() {
        Map<String, List<String>> byName = host.stream().filter(JavaClass::isTopLevelClass)
                .filter(c -> !c.getSimpleName().equals("package-info"))
                .collect(Collectors.groupingBy(JavaClass::getSimpleName,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
        assertThat(byName.values().stream().filter(names -> names.size() > 1).sorted(
                Comparator.comparing(names -> names.get(0))).toList())
                .as("classes defined twice").isEmpty();
    }

    @Test
    void lowerLayersNeverReachUp() {
        layer("link", "link");
        layer("shell", "link", "shell");
        layer("board", "link", "shell", "board");
        layer("campaign", "link", "shell", "board", "twin", "campaign");
        layer("junit", "link", "shell", "board", "junit");
    }

    /** Classes of {@code module} use no host classes but those of the {@code allowed} modules. */
    private static void layer(String module, String... allowed) {
        String[] packages = Arrays.stream(allowed).map(m -> "io.llexthil." + m + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage("io.llexthil." + module + "..")
                .should().dependOnClassesThat(resideInAPackage("io.llexthil..").and(resideOutsideOfPackages(packages)))
                .check(host);
    }

    @Test
    void theTwinStandsAlone() {
        noClasses().that().resideInAPackage("io.llexthil.twin..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.llexthil.twin..", "java..", "com.fasterxml..")
                .check(host);
    }
}
