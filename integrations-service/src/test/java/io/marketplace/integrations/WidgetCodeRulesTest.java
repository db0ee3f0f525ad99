package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.newAccount;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The widget-code examples of SPEC.md, and the edges of each rule. */
@QuarkusTest
class WidgetCodeRulesTest {

    private static String suffix() {
        return "_" + Long.toString(System.nanoTime(), 36);
    }

    /** The one-letter code is taken as is (the test schema is new each run); the others get a unique suffix. */
    @ParameterizedTest
    @ValueSource(strings = {"my_widget", "crmSync2", "a", "z9", "x_Y_z"})
    void acceptsValidWidgetCodes(String code) {
        String unique = code.length() == 1 ? code : code + suffix();
        Map<String, Object> body = Fixtures.validIntegration();
        body.put("code", unique);

        asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(201)
                .body("code", equalTo(unique));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "My_widget  | invalid_first_character",
        "2fast      | invalid_first_character",
        "_x         | invalid_first_character",
        "wíd        | invalid_characters",
        "my-widget  | invalid_characters",
        "\"my widget\" | invalid_characters",
        "\"\"       | empty",
        "Ωmega      | invalid_characters",
    })
    void rejectsInvalidWidgetCodes(String code, String expectedError) {
        Map<String, Object> body = Fixtures.validIntegration();
        body.put("code", code == null ? "" : code);

        asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .body("errors.field", contains("code"))
                .body("errors[0].code", equalTo(expectedError));
    }

    @ParameterizedTest
    @CsvSource({"64, 201", "65, 400"})
    void limitsWidgetCodesTo64Characters(int length, int expectedStatus) {
        String unique = "c" + Long.toString(System.nanoTime(), 36);
        Map<String, Object> body = Fixtures.validIntegration();
        body.put("code", unique + "x".repeat(length - unique.length()));

        asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(expectedStatus);
    }
}
