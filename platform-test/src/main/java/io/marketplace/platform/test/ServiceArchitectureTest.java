package io.marketplace.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
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
        holds(layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("rest").definedBy(base + ".rest..")
                .layer("service").definedBy(base + ".service..")
                .layer("client").definedBy(base + ".client..")
                .layer("persistence").definedBy(base + ".persistence..")
                .layer("config").definedBy(base + ".config..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest")
                .whereLayer("client").mayOnlyBeAccessedByLayers("service")
                // resources map entities to their answers; the outbox producers read the entities they describe
                .whereLayer("persistence").mayOnlyBeAccessedByLayers("service", "rest", "client"));
    }

    @Test
    void resourcesReachPersistenceOnlyThroughAService() {
        holds(noClasses().that().resideInAPackage(base + ".rest..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository"));
    }

    @Test
    void packagesHaveNoCycles() {
        holds(slices().matching(base + ".(*)..").should().beFreeOfCycles());
    }

    @Test
    void resourcesAreNamedAndPlacedAlike() {
        holds(classes().that().areAnnotatedWith(Path.class).and().areNotInterfaces()
                .should().resideInAPackage(base + ".rest").andShould().haveSimpleNameEndingWith("Resource")
                .allowEmptyShould(true));
    }

    @Test
    void dataAccessClassesAreRepositories() {
        holds(classes().that().resideInAPackage(base + ".persistence").and().areAnnotatedWith(ApplicationScoped.class)
                .should().haveSimpleNameEndingWith("Repository")
                .allowEmptyShould(true));
    }

    @Test
    void eventHandlersAreNamedAndPlacedAlike() {
        holds(classes().that().implement(EventHandler.class)
                .should().resideInAPackage(base + ".service").andShould().haveSimpleNameEndingWith("Handler")
                .allowEmptyShould(true));
    }

    /** Fails with ArchUnit's report of every violation. */
    private void holds(ArchRule rule) {
        EvaluationResult result = rule.evaluate(classes);
        assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
    }
}
