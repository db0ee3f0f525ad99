package io.marketplace.keys;

import static io.marketplace.keys.OAuthFixtures.client;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.marketplace.keys.OAuthFixtures.RegisteredClient;
import io.marketplace.platform.test.AtOnce;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** Publish keys for CI and long-lived tokens, made in the Keys view and shown once. */
@QuarkusTest
class ClientKeysTest {

    private static RequestSpecification asAdmin(RegisteredClient client) {
        return given().auth().oauth2(TestTokens.technicalAdmin(client.ownerAccount())).contentType("application/json");
    }

    private static String keys(RegisteredClient client) {
        return "/api/v1/integrations/" + client.clientId() + "/keys";
    }

    @Test
    void aPublishKeyBuysAShortLivedVersionsWriteTokenForItsIntegrationOnly() throws Exception {
        RegisteredClient client = client();
        var key = asAdmin(client).when().post(keys(client) + "/publish-keys")
                .then().statusCode(201)
                .body("key", startsWith("pk_"))
                .extract();
        String keyId = key.path("id");
        asAdmin(client).when().get(keys(client))
                .then().body("publish_keys", hasSize(1))
                .body("publish_keys[0].prefix", equalTo(((String) key.path("key")).substring(0, 8)));

        String token = given().formParams(Map.of("grant_type", "client_credentials", "client_id", keyId,
                        "client_secret", key.path("key")))
                .when().post("/oauth2/access_token")
                .then().statusCode(200)
                .body("expires_in", equalTo(900))
                .body("refresh_token", nullValue())
                .extract().path("access_token");
        JwtClaims claims = OAuthFixtures.verify(token);
        assertThat(claims.getStringClaimValue("scope"), equalTo("versions:write"));
        assertThat(claims.getStringClaimValue("client_id"), equalTo(client.clientId().toString()));
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue() <= 900, equalTo(true));
    }

    @Test
    void aRevokedOrWrongPublishKeyBuysNothing() {
        RegisteredClient client = client();
        var key = asAdmin(client).when().post(keys(client) + "/publish-keys").then().statusCode(201).extract();
        String keyId = key.path("id");

        given().formParams(Map.of("grant_type", "client_credentials", "client_id", keyId, "client_secret", "pk_wrong"))
                .when().post("/oauth2/access_token").then().statusCode(401).body("error", equalTo("invalid_client"));
        asAdmin(client).when().delete(keys(client) + "/publish-keys/" + keyId).then().statusCode(204);
        given().formParams(Map.of("grant_type", "client_credentials", "client_id", keyId, "client_secret", key.path("key")))
                .when().post("/oauth2/access_token").then().statusCode(401);
        asAdmin(client).when().get(keys(client)).then().body("publish_keys", hasSize(0));
    }

    @Test
    void aLongLivedTokenIsShownOnceListedByPrefixAndRevocable() {
        RegisteredClient client = client();
        Instant expiresAt = Instant.now().plus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        var created = asAdmin(client).body(Map.of("expires_at", expiresAt.toString()))
                .when().post(keys(client) + "/long-lived-tokens")
                .then().statusCode(201)
                .extract();
        String token = created.path("token");
        asAdmin(client).when().get(keys(client))
                .then().body("long_lived_tokens", hasSize(1))
                .body("long_lived_tokens[0].prefix", equalTo(token.substring(token.length() - 8)))
                .body("long_lived_tokens[0].expires_at", equalTo(expiresAt.toString()));
        introspect(client, token).body("active", equalTo(true))
                .body("account_id", equalTo((int) client.ownerAccount()));

        asAdmin(client).when().delete(keys(client) + "/long-lived-tokens/" + created.path("id")).then().statusCode(204);
        introspect(client, token).body("active", equalTo(false));
        asAdmin(client).when().get(keys(client)).then().body("long_lived_tokens", hasSize(0));
    }

    @Test
    void revokingAKeyOrTokenAgainOrSeveralTimesAtOnceAnswersLikeTheFirstTime() {
        RegisteredClient client = client();
        String keyId = asAdmin(client).when().post(keys(client) + "/publish-keys").then().statusCode(201).extract().path("id");
        String tokenId = asAdmin(client).body(Map.of("expires_at", Instant.now().plus(30, ChronoUnit.DAYS).toString()))
                .when().post(keys(client) + "/long-lived-tokens").then().statusCode(201).extract().path("id");

        for (String revoked : List.of("/publish-keys/" + keyId, "/long-lived-tokens/" + tokenId)) {
            List<Integer> atOnce = AtOnce.send(4, i -> asAdmin(client).when().delete(keys(client) + revoked).statusCode());
            assertThat(revoked, atOnce, everyItem(is(204)));
            asAdmin(client).when().delete(keys(client) + revoked).then().statusCode(204);
        }
        // an id never issued for this integration is still unknown
        asAdmin(client).when().delete(keys(client) + "/long-lived-tokens/" + UUID.randomUUID()).then().statusCode(404);
        asAdmin(client).when().delete(keys(client) + "/publish-keys/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aLongLivedTokenLastsBetweenOneDayAndFiveYears() {
        RegisteredClient client = client();
        for (Instant tooSoonOrLate : new Instant[] {Instant.now().plus(12, ChronoUnit.HOURS), Instant.now().plus(5 * 366, ChronoUnit.DAYS)}) {
            asAdmin(client).body(Map.of("expires_at", tooSoonOrLate.toString()))
                    .when().post(keys(client) + "/long-lived-tokens")
                    .then().statusCode(400).body("errors[0].field", equalTo("expires_at"));
        }
        asAdmin(client).body(Map.of("expires_at", Instant.now().plus(5 * 365, ChronoUnit.DAYS).toString()))
                .when().post(keys(client) + "/long-lived-tokens")
                .then().statusCode(201);
    }

    @Test
    void refusesAnExpiryGivenAsAnEpochNumberAndCreatesNoToken() {
        RegisteredClient client = client();
        long inAYear = Instant.now().plus(365, ChronoUnit.DAYS).getEpochSecond();
        asAdmin(client).body("{\"expires_at\": " + inAYear + "}")
                .when().post(keys(client) + "/long-lived-tokens")
                .then().statusCode(400).body("errors[0].field", equalTo("expires_at"));
        asAdmin(client).when().get(keys(client)).then().body("long_lived_tokens", hasSize(0));
    }

    static io.restassured.response.ValidatableResponse introspect(RegisteredClient client, String token) {
        return given().auth().preemptive().basic(client.clientId().toString(), client.secret())
                .formParam("token", token)
                .when().post("/oauth2/introspect").then().statusCode(200).header("Cache-Control", "no-store");
    }
}
