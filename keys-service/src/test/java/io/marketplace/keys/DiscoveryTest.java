package io.marketplace.keys;

import static io.marketplace.keys.OAuthFixtures.client;
import static io.marketplace.keys.OAuthFixtures.code;
import static io.marketplace.keys.OAuthFixtures.exchange;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.marketplace.keys.OAuthFixtures.RegisteredClient;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DiscoveryTest {

    @Test
    void publishesAuthorizationServerMetadataAnonymously() {
        for (String path : new String[] {"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"}) {
            given().when().get(path)
                    .then().statusCode(200)
                    .body("issuer", equalTo("marketplace-keys-service"))
                    .body("authorization_endpoint", equalTo("http://localhost:8081/oauth"))
                    .body("response_types_supported", equalTo(List.of("code")))
                    .body("token_endpoint", endsWith("/oauth2/access_token"))
                    .body("jwks_uri", endsWith("/oauth2/jwks"))
                    .body("grant_types_supported", hasItem("client_credentials"))
                    .body("code_challenge_methods_supported", hasItem("S256"))
                    // no JWT client authentication is offered, and no ID tokens are issued
                    .body("$", not(hasKey("token_endpoint_auth_signing_alg_values_supported")))
                    .body("$", not(hasKey("id_token_signing_alg_values_supported")))
                    .body("$", not(hasKey("subject_types_supported")));
        }
    }

    @Test
    void tokensSignedBeforeAKeyRotationStillVerify() throws Exception {
        RegisteredClient client = client();
        String before = exchange(client, code(client, 3003), Map.of()).statusCode(200).extract().path("access_token");

        given().auth().oauth2(TestTokens.service("operations")).when().post("/internal/v1/signing-keys/rotation")
                .then().statusCode(200);
        String after = exchange(client, code(client, 3003), Map.of()).statusCode(200).extract().path("access_token");

        assertThat(kid(after), not(equalTo(kid(before))));
        assertThat(OAuthFixtures.verify(before).getStringClaimValue("client_id"), equalTo(client.clientId().toString()));
        assertThat(OAuthFixtures.verify(after).getStringClaimValue("client_id"), equalTo(client.clientId().toString()));
        given().when().get("/oauth2/jwks").then().body("keys.kid", hasItem(kid(before))).body("keys.kid", hasItem(kid(after)));
    }

    @Test
    void onlyServicesRotateSigningKeys() {
        given().auth().oauth2(TestTokens.technicalAdmin(1)).when().post("/internal/v1/signing-keys/rotation")
                .then().statusCode(403);
    }

    private static String kid(String token) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        return jws.getKeyIdHeaderValue();
    }
}
