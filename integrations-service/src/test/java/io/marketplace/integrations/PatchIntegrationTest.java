package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.createIntegration;
import static io.marketplace.integrations.Fixtures.newAccount;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PatchIntegrationTest {

    @Test
    void changesOnlyTheFieldsGiven() {
        long account = newAccount();
        String id = createIntegration(account);

        asDeveloper(account).body("{\"redirect_uri\": \"https://new.example.com/cb\", \"scopes\": [\"files\", \"files_delete\"]}")
                .when().patch("/api/v1/integrations/{id}", id)
                .then().statusCode(200)
                .body("redirect_uri", equalTo("https://new.example.com/cb"))
                .body("scopes", contains("files", "files_delete"))
                .body("revoke_url", equalTo("https://dev.example.com/revoked"))
                .body("languages", contains("en", "es"));

        asDeveloper(account)
                .when().get("/api/v1/integrations/{id}", id)
                .then().body("redirect_uri", equalTo("https://new.example.com/cb"));
    }

    @Test
    void acceptsMergePatchMediaTypeAndNullRemovesRevokeUrl() {
        long account = newAccount();
        String id = createIntegration(account);

        asDeveloper(account).contentType("application/merge-patch+json").body("{\"revoke_url\": null}")
                .when().patch("/api/v1/integrations/{id}", id)
                .then().statusCode(200)
                .body("revoke_url", nullValue());
    }

    @Test
    void keepsTheWidgetCodeFixed() {
        long account = newAccount();
        String id = createIntegration(account);

        asDeveloper(account).body("{\"code\": \"renamed\"}")
                .when().patch("/api/v1/integrations/{id}", id)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("code"))
                .body("errors[0].code", equalTo("immutable"));
    }

    @Test
    void reportsEveryBadFieldAndChangesNothing() {
        long account = newAccount();
        String id = createIntegration(account);

        asDeveloper(account).body("{\"redirect_uri\": 42, \"revoke_url\": \"mailto:x@y.z\", \"scopes\": [], "
                        + "\"languages\": \"en\", \"status\": \"published\"}")
                .when().patch("/api/v1/integrations/{id}", id)
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("redirect_uri", "revoke_url", "scopes", "languages", "status"));

        asDeveloper(account)
                .when().get("/api/v1/integrations/{id}", id)
                .then().statusCode(200)
                .body("redirect_uri", equalTo("https://dev.example.com/oauth/callback"))
                .body("scopes", contains("crm", "notifications"));
    }

    @Test
    void rejectsANullRedirectUri() {
        long account = newAccount();
        String id = createIntegration(account);

        asDeveloper(account).body("{\"redirect_uri\": null}")
                .when().patch("/api/v1/integrations/{id}", id)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("redirect_uri"));
    }
}
