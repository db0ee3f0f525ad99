package io.marketplace.integrations.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketplace.platform.outbound.OutboundConfig.Policy;
import io.marketplace.platform.outbound.OutboundUrls;
import io.marketplace.platform.problem.FieldError;
import io.marketplace.platform.problem.Violations;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Stage-1 field rules on their own, without HTTP or a database (the HTTP tests check the answers' shape). */
class IntegrationRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "my_widget", "crmSync2", "a_1_B"})
    void acceptsWidgetCodes(String code) {
        assertEquals(List.of(), codesOf(violations -> IntegrationRules.widgetCode(code, violations)));
    }

    @ParameterizedTest
    @CsvSource({"1widget, invalid_first_character", "Widget, invalid_first_character", "_widget, invalid_first_character",
            "my-widget, invalid_characters", "my widget, invalid_characters", "виджет, invalid_characters"})
    void refusesWidgetCodes(String code, String reason) {
        assertEquals(List.of(reason), codesOf(violations -> IntegrationRules.widgetCode(code, violations)));
    }

    @Test
    void refusesEmptyMissingAndTooLongWidgetCodes() {
        assertEquals(List.of("empty"), codesOf(violations -> IntegrationRules.widgetCode("", violations)));
        assertEquals(List.of("required"), codesOf(violations -> IntegrationRules.widgetCode(null, violations)));
        assertEquals(List.of("too_long"), codesOf(violations -> IntegrationRules.widgetCode("a".repeat(65), violations)));
        assertEquals(List.of(), codesOf(violations -> IntegrationRules.widgetCode("a".repeat(64), violations)));
    }

    @Test
    void keepsScopesInOrderOnceAndNamesEachUnknownOne() {
        Violations violations = new Violations();
        assertEquals(List.of("crm", "files"), IntegrationRules.scopes(List.of("crm", "files", "crm"), violations));
        assertTrue(violations.isEmpty());

        List<FieldError> errors = errorsOf(v -> IntegrationRules.scopes(Arrays.asList("crm", "everything", null), v));
        assertEquals(List.of("scopes[1]", "scopes[2]"), errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(0).message().endsWith("is not one of " + Scope.allCodes()), errors.get(0).message());
    }

    @Test
    void echoesAHugeUnknownValueShortened() {
        List<FieldError> errors = errorsOf(v -> IntegrationRules.languages(List.of("x".repeat(100_000)), v));
        assertTrue(errors.get(0).message().length() < 200, errors.get(0).message());
    }

    @Test
    void aCallbackUrlMustBeWellFormedAndAllowedByTheOutboundPolicy() {
        OutboundUrls loopbackOnly = new OutboundUrls(Policy.LOOPBACK_ONLY, List.of(), List.of());
        assertEquals(List.of("invalid_url"),
                codesOf(v -> IntegrationRules.callbackUrl("revoke_url", "ftp://x.example.test/", loopbackOnly, v)));
        assertEquals(List.of("unsafe_url"),
                codesOf(v -> IntegrationRules.callbackUrl("revoke_url", "http://169.254.169.254/", loopbackOnly, v)));
        assertEquals(List.of(), codesOf(v -> IntegrationRules.callbackUrl("revoke_url", "http://127.0.0.1:9/r", loopbackOnly, v)));
    }

    private static List<String> codesOf(Consumer<Violations> rule) {
        return errorsOf(rule).stream().map(FieldError::code).toList();
    }

    private static List<FieldError> errorsOf(Consumer<Violations> rule) {
        Violations violations = new Violations();
        rule.accept(violations);
        return violations.errors();
    }
}
