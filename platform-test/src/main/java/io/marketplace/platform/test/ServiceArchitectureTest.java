package io.marketplace.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.marketplace.platform.inbox.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/**
 * The architecture every service is held to, read from its compiled classes (no Quarkus start): dependencies point
 * from {@code rest} to {@code service} to {@code persistence}, with {@code client} (calls and events to the
 * neighbours) used by {@code service} alone; no cycles between packages; resources, repositories and event handlers
 * named and placed alike. A service's test names its base package.
 */
public abstract class ServiceArchitectureTest {

    private final String base;
    private final JavaClasses classes;

    protected ServiceArchitectureTest(String basePackage) {
        this.base = basePackage;
        this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
    }

    @Test
    void dependenciesPointFromRestToServiceToPersistence() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("rest").definedBy(base + ".rest..")
                .layer("service").definedBy(base + ".service..")
                .layer("client").definedBy(base + ".client..")
                .layer("persistence").definedBy(base + ".persistence..")
                .layer("config").definedBy(base + ".config..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest")
                .whereLayer("client").mayOnlyBeAccessedByLayers("service")
                // resources map entities to their answers; the outbox producers read the entities they describe
                .whereLayer("persistence").mayOnlyBeAccessedByLayers("service", "rest", "client")
                .check(classes);
    }

    @Test
    void resourcesReachPersistenceOnlyThroughAService() {
        noClasses().that().resideInAPackage(base + ".rest..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(base + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void resourcesAreNamedAndPlacedAlike() {
        classes().that().areAnnotatedWith(Path.class).and().areNotInterfaces()
                .should().resideInAPackage(base + ".rest").andShould().haveSimpleNameEndingWith("Resource")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void dataAccessClassesAreRepositories() {
        classes().that().resideInAPackage(base + ".persistence").and().areAnnotatedWith(ApplicationScoped.class)
                .should().haveSimpleNameEndingWith("Repository")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void eventHandlersAreNamedAndPlacedAlike() {
        classes().that().implement(EventHandler.class)
                .should().resideInAPackage(base + ".service").andShould().haveSimpleNameEndingWith("Handler")
                .allowEmptyShould(true)
                .check(classes);
    }
}
