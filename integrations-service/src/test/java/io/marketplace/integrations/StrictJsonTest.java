package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.createIntegration;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.integrations.Fixtures.uniqueCode;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A body is read as it was written or refused with a 400 naming what is wrong, and nothing is stored: Jackson's
 * defaults would take a repeated key's last value, ignore what follows the document, turn "true", 1 or 1e400 into a
 * boolean, and pass on text PostgreSQL cannot store (a 500) or Java cannot encode (stored as '?').
 */
@QuarkusTest
class StrictJsonTest {

    private static String creation(String code, String extra) {
        return "{\"code\": \"" + code + "\", \"redirect_uri\": \"https://dev.example.com/oauth\", "
                + "\"scopes\": [\"crm\"], \"languages\": [\"en\"]" + extra + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {", \"code\": \"again\"", ", \"scopes\": [\"files\"]"})
    void refusesAKeyGivenTwice(String repeated) {
        long account = newAccount();
        asDeveloper(account).body(creation(uniqueCode(), repeated))
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.code", hasItem("duplicate_key"));
        asDeveloper(account).when().get("/api/v1/integrations")
                .then().statusCode(200).body("_embedded.integrations.size()", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"}xyz", "} {}", "}}"})
    void refusesAnythingAfterTheDocument(String trailing) {
        String body = creation(uniqueCode(), "");
        asDeveloper(newAccount()).body(body.substring(0, body.length() - 1) + trailing)
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "\"false\"", "1", "-1", "0", "9999999999999999999", "1.5"})
    void refusesABooleanThatIsNotTrueOrFalse(String value) {
        long account = newAccount();
        String id = createIntegration(account);
        asDeveloper(account).body("{\"duplicate_control\": " + value + ", \"owner_company\": \"Acme\"}")
                .when().put("/api/v1/integrations/" + id + "/versions/1/settings")
                .then().statusCode(400)
                .body("errors.field", hasItem("duplicate_control"));
        asDeveloper(account).when().get("/api/v1/integrations/" + id + "/versions/1/settings")
                .then().statusCode(200).body("duplicate_control", equalTo(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "1.5", "true"})
    void refusesANumberOrABooleanForText(String value) {
        long account = newAccount();
        String id = createIntegration(account);
        asDeveloper(account).body("{\"name\": " + value + "}")
                .when().put("/api/v1/integrations/" + id + "/versions/1/listings/en")
                .then().statusCode(400)
                .body("errors.field", hasItem("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lead\\u0000Sync", "Lead \\ud800 Sync", "\\udc00", "Lead \\ud83d"})
    void refusesTextWithNulOrALoneSurrogate(String name) {
        long account = newAccount();
        String id = createIntegration(account);
        asDeveloper(account).body("{\"name\": \"" + name + "\", \"short_description\": \"Fine\"}")
                .when().put("/api/v1/integrations/" + id + "/versions/1/listings/en")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.code", hasItem("invalid_text"));
        asDeveloper(account).when().get("/api/v1/integrations/" + id + "/versions/1/listings/en")
                .then().statusCode(200).body("short_description", equalTo(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lead 🔁 Sync", "Ünïcödé", "中文"})
    void keepsTextWithPairedSurrogatesAndOtherScripts(String name) {
        long account = newAccount();
        String id = createIntegration(account);
        asDeveloper(account).body("{\"name\": \"" + name + "\"}")
                .when().put("/api/v1/integrations/" + id + "/versions/1/listings/en")
                .then().statusCode(200)
                .body("name", equalTo(name));
    }
}
