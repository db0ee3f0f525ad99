package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.newAccount;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LanguagesTest {

    private String integrationWithLanguages(long account, String... languages) {
        Map<String, Object> body = Fixtures.validIntegration();
        body.put("languages", List.of(languages));
        return asDeveloper(account).body(body).when().post("/api/v1/integrations")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void addsALanguageOnceEvenWhenAskedTwice() {
        long account = newAccount();
        String id = integrationWithLanguages(account, "en");

        asDeveloper(account).when().put("/api/v1/integrations/{id}/languages/tr", id)
                .then().statusCode(200).body("languages", contains("en", "tr"));
        asDeveloper(account).when().put("/api/v1/integrations/{id}/languages/tr", id)
                .then().statusCode(200).body("languages", contains("en", "tr"));
    }

    @Test
    void removesALanguage() {
        long account = newAccount();
        String id = integrationWithLanguages(account, "en", "id");

        asDeveloper(account).when().delete("/api/v1/integrations/{id}/languages/en", id)
                .then().statusCode(204);
        asDeveloper(account).when().get("/api/v1/integrations/{id}", id)
                .then().body("languages", contains("id"));
    }

    @Test
    void refusesToRemoveTheOnlyLanguage() {
        long account = newAccount();
        String id = integrationWithLanguages(account, "es");

        asDeveloper(account).when().delete("/api/v1/integrations/{id}/languages/es", id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("only"));
    }

    @Test
    void rejectsAnUnknownLanguage() {
        long account = newAccount();
        String id = integrationWithLanguages(account, "en");

        asDeveloper(account).when().put("/api/v1/integrations/{id}/languages/de", id)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("lang"));
    }

    @Test
    void answersRemovingALanguageTheIntegrationLacksAsNotFound() {
        long account = newAccount();
        String id = integrationWithLanguages(account, "en", "es");

        asDeveloper(account).when().delete("/api/v1/integrations/{id}/languages/pt", id)
                .then().statusCode(404);
    }
}
