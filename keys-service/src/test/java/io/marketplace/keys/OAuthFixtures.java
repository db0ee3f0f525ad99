package io.marketplace.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.marketplace.platform.test.TestTokens;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/** A registered client with its secret, codes issued the way integrations-service asks for them, and the token endpoint. */
final class OAuthFixtures {

    record RegisteredClient(UUID clientId, String secret, long ownerAccount) {
    }

    private OAuthFixtures() {
    }

    static RegisteredClient client() {
        long owner = Registrations.newAccount();
        UUID clientId = Registrations.register(owner);
        String secret = given().auth().oauth2(TestTokens.technicalAdmin(owner))
                .when().get("/api/v1/integrations/{id}/keys", clientId)
                .then().statusCode(200).extract().path("secret_key");
        return new RegisteredClient(clientId, secret, owner);
    }

    static String code(RegisteredClient client, long account) {
        return code(client, account, null);
    }

    static String code(RegisteredClient client, long account, String challenge) {
        return askCode(client, account, 1, challenge).statusCode(201).extract().path("code");
    }

    /** webhook-service's request for a code of installation {@code generation}, as it is answered. */
    static ValidatableResponse askCode(RegisteredClient client, long account, long generation, String challenge) {
        Map<String, Object> body = new HashMap<>();
        body.put("client_id", client.clientId().toString());
        body.put("account_id", account);
        body.put("generation", generation);
        if (challenge != null) {
            body.put("code_challenge", challenge);
            body.put("code_challenge_method", "S256");
        }
        return given().auth().oauth2(TestTokens.service("webhook-service")).contentType("application/json").body(body)
                .when().post("/internal/v1/authorization-codes").then();
    }

    /** integrations-service reports an install ({@code installation.enabled}) or a disable through keys-service's inbox. */
    static void sendInstallationEvent(String type, RegisteredClient client, long account, long generation) {
        String event = """
                {"events": [{"event_id": "%s", "type": "%s", "occurred_at": "%s",
                             "data": {"integration_id": "%s", "account_id": %d, "generation": %d}}]}"""
                .formatted(UUID.randomUUID(), type, Instant.now(), client.clientId(), account, generation);
        given().auth().oauth2(TestTokens.service("integrations-service")).contentType("application/json").body(event)
                .when().post("/internal/v1/events").then().statusCode(200).body("processed", equalTo(1));
    }

    static ValidatableResponse exchange(RegisteredClient client, String code, Map<String, String> extra) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", Registrations.REDIRECT_URI, "client_id", client.clientId().toString(),
                "client_secret", client.secret()));
        form.putAll(extra);
        form.values().removeIf(value -> value == null);
        return given().formParams(form).when().post("/oauth2/access_token").then();
    }

    static ValidatableResponse refresh(RegisteredClient client, String refreshToken) {
        return given().formParams(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                        "client_id", client.clientId().toString(), "client_secret", client.secret()))
                .when().post("/oauth2/access_token").then();
    }

    /** Verifies a token with jose4j against the JWKS the server publishes, as a resource server would. */
    static JwtClaims verify(String token) throws Exception {
        String jwks = given().when().get("/oauth2/jwks").then().statusCode(200).extract().asString();
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer("marketplace-keys-service")
                .setExpectedAudience("crm-api")
                .setRequireExpirationTime()
                .setRequireJwtId()
                .build()
                .processToClaims(token);
    }
}
