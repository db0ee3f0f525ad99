package io.marketplace.keys;

import static io.marketplace.keys.Registrations.newAccount;
import static io.marketplace.keys.Registrations.register;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.marketplace.platform.persistence.Jdbc;
import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.AtOnce;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeysViewTest {

    @Inject
    DataSource dataSource;

    private static io.restassured.specification.RequestSpecification asAdmin(long account) {
        return given().auth().oauth2(TestTokens.technicalAdmin(account));
    }

    private static ValidatableResponse rotateWebhookSecret(long account, UUID clientId) {
        return asAdmin(account).when().post("/api/v1/integrations/{id}/keys/webhook-secret/rotation", clientId).then();
    }

    /** What webhook-service is given to sign with. */
    private static ValidatableResponse signingSecretsAsWebhookService(UUID clientId) {
        return given().auth().oauth2(TestTokens.service("webhook-service"))
                .when().get("/internal/v1/clients/{id}/signing-secrets", clientId).then();
    }

    @Test
    void showsTheCredentialsOfANewlyRegisteredIntegrationToItsAdmins() {
        long account = newAccount();
        UUID clientId = register(account);

        asAdmin(account).when().get("/api/v1/integrations/{id}/keys", clientId)
                .then().statusCode(200)
                .body("integration_id", equalTo(clientId.toString()))
                .body("secret_key.length()", equalTo(64))
                .body("webhook_secrets", hasSize(1))
                .body("webhook_secrets[0].secret", startsWith("whsec_"))
                .body("webhook_secrets[0].expires_at", nullValue())
                .body("long_lived_tokens", hasSize(0))
                .body("publish_keys", hasSize(0));
    }

    @Test
    void storesTheSecretKeyEncrypted() {
        long account = newAccount();
        UUID clientId = register(account);
        String secret = asAdmin(account).when().get("/api/v1/integrations/{id}/keys", clientId)
                .then().extract().path("secret_key");

        String stored = Jdbc.first(dataSource, "SELECT secret_enc FROM client_secret WHERE client_id = ?",
                row -> row.getString(1), clientId).orElseThrow();
        assertThat(stored, startsWith("k1:"));
        assertThat(stored.contains(secret), equalTo(false));
    }

    @Test
    void answersOtherAccountsAndNonAdminsAsTheyShould() {
        long account = newAccount();
        UUID clientId = register(account);

        asAdmin(newAccount()).when().get("/api/v1/integrations/{id}/keys", clientId).then().statusCode(404);
        given().auth().oauth2(TestTokens.technicalDeveloper(account))
                .when().get("/api/v1/integrations/{id}/keys", clientId).then().statusCode(403);
        given().auth().oauth2(TestTokens.user(account, false, Roles.ADMIN))
                .when().get("/api/v1/integrations/{id}/keys", clientId).then().statusCode(403);
        asAdmin(account).when().get("/api/v1/integrations/{id}/keys", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void rotatesTheSecretKey() {
        long account = newAccount();
        UUID clientId = register(account);
        String before = asAdmin(account).when().get("/api/v1/integrations/{id}/keys", clientId).then().extract().path("secret_key");

        asAdmin(account).when().post("/api/v1/integrations/{id}/keys/secret/rotation", clientId)
                .then().statusCode(200)
                .body("secret_key", not(equalTo(before)));
    }

    @Test
    void keepsTheOldWebhookSecretSigningForADayAfterARotation() {
        long account = newAccount();
        UUID clientId = register(account);
        String before = asAdmin(account).when().get("/api/v1/integrations/{id}/keys", clientId)
                .then().extract().path("webhook_secrets[0].secret");

        rotateWebhookSecret(account, clientId).statusCode(200)
                .body("webhook_secrets", hasSize(2))
                .body("webhook_secrets[0].secret", not(equalTo(before)))
                .body("webhook_secrets[0].expires_at", nullValue())
                .body("webhook_secrets[1].secret", equalTo(before))
                .body("webhook_secrets[1].expires_at", notNullValue());
    }

    @Test
    void rotationsAtOnceLeaveOneCurrentWebhookSecretEachAnsweringItsOwn() {
        long account = newAccount();
        UUID clientId = register(account);
        String first = asAdmin(account).when().get("/api/v1/integrations/{id}/keys", clientId)
                .then().extract().path("webhook_secrets[0].secret");
        int rotations = 8;
        Set<String> rotatedIn = new HashSet<>(AtOnce.send(rotations, i -> rotateWebhookSecret(account, clientId)
                .statusCode(200).body("webhook_secrets[0].expires_at", nullValue())
                .extract().<String>path("webhook_secrets[0].secret")));

        assertThat(rotatedIn, hasSize(rotations));
        List<String> signing = asAdmin(account).when().get("/api/v1/integrations/{id}/keys", clientId)
                .then().statusCode(200)
                .body("webhook_secrets", hasSize(2))
                .body("webhook_secrets[0].expires_at", nullValue())
                .body("webhook_secrets[1].expires_at", notNullValue())
                .extract().path("webhook_secrets.secret");
        assertThat(signing, not(hasItem(first)));
        assertThat(rotatedIn, hasItems(signing.get(0), signing.get(1)));
    }

    /** Otherwise each rotation added a signature to every webhook for a day, and a leaked secret outlived its rotation. */
    @Test
    void stopsASecretRotatedOutEarlierAtTheNextRotation() {
        long account = newAccount();
        UUID clientId = register(account);
        String first = asAdmin(account).when().get("/api/v1/integrations/{id}/keys", clientId)
                .then().extract().path("webhook_secrets[0].secret");
        String second = rotateWebhookSecret(account, clientId).statusCode(200).extract().path("webhook_secrets[0].secret");
        String third = rotateWebhookSecret(account, clientId).statusCode(200)
                .body("webhook_secrets", hasSize(2))
                .body("webhook_secrets[1].secret", equalTo(second))
                .body("webhook_secrets[1].expires_at", notNullValue())
                .extract().path("webhook_secrets[0].secret");

        signingSecretsAsWebhookService(clientId).statusCode(200)
                .body("webhook_secrets", contains(third, second))
                .body("webhook_secrets", not(hasItem(first)));
    }

    @Test
    void givesWebhookServiceTheSigningSecretsCurrentFirstDuringARotation() {
        long account = newAccount();
        UUID clientId = register(account);
        String secretKey = asAdmin(account).when().get("/api/v1/integrations/{id}/keys", clientId)
                .then().extract().path("secret_key");
        String before = asAdmin(account).when().get("/api/v1/integrations/{id}/keys", clientId)
                .then().extract().path("webhook_secrets[0].secret");
        String after = rotateWebhookSecret(account, clientId).extract().path("webhook_secrets[0].secret");

        signingSecretsAsWebhookService(clientId).statusCode(200)
                .body("client_id", equalTo(clientId.toString()))
                .body("secret_key", equalTo(secretKey))
                .body("webhook_secrets", contains(after, before));
    }

    @Test
    void keepsSigningSecretsFromAnyoneButServices() {
        long account = newAccount();
        UUID clientId = register(account);
        asAdmin(account).when().get("/internal/v1/clients/{id}/signing-secrets", clientId).then().statusCode(403);
        given().when().get("/internal/v1/clients/{id}/signing-secrets", clientId).then().statusCode(401);
        given().auth().oauth2(TestTokens.service("webhook-service"))
                .when().get("/internal/v1/clients/{id}/signing-secrets", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }
}
