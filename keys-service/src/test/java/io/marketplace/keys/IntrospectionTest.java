package io.marketplace.keys;

import static io.marketplace.keys.ClientKeysTest.introspect;
import static io.marketplace.keys.OAuthFixtures.client;
import static io.marketplace.keys.OAuthFixtures.code;
import static io.marketplace.keys.OAuthFixtures.exchange;
import static io.marketplace.keys.OAuthFixtures.refresh;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.marketplace.keys.OAuthFixtures.RegisteredClient;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IntrospectionTest {

    private static final long ACCOUNT = 4004;

    @Test
    void describesAnActiveAccessTokenToItsClient() {
        RegisteredClient client = client();
        String access = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract().path("access_token");

        introspect(client, access)
                .body("active", equalTo(true))
                .body("token_type", equalTo("Bearer"))
                .body("client_id", equalTo(client.clientId().toString()))
                .body("account_id", equalTo((int) ACCOUNT))
                .body("scope", equalTo("crm"));
    }

    @Test
    void tellsOtherClientsNothing() {
        RegisteredClient client = client();
        String access = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract().path("access_token");

        introspect(client(), access).body("active", equalTo(false)).body("client_id", equalTo(null));
    }

    @Test
    void requiresTheCallerToAuthenticate() {
        given().formParam("token", "anything").when().post("/oauth2/introspect")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        given().auth().oauth2(TestTokens.technicalAdmin(1)).formParam("token", "anything").when().post("/oauth2/introspect")
                .then().statusCode(401);
    }

    @Test
    void answersARefusedBearerTokenWithAnOAuthError() {
        given().auth().oauth2(TestTokens.expired(1)).formParam("token", "anything").when().post("/oauth2/introspect")
                .then().statusCode(401).contentType("application/json")
                .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void refusesAnIntrospectionWithoutAToken() {
        given().auth().oauth2(TestTokens.service("integrations-service")).formParam("token_type_hint", "access_token")
                .when().post("/oauth2/introspect")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void servicesMayIntrospectAnyToken() {
        RegisteredClient client = client();
        String access = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract().path("access_token");

        given().auth().oauth2(TestTokens.service("integrations-service")).formParam("token", access)
                .when().post("/oauth2/introspect")
                .then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void aRevokedAccessTokenIsInactiveAndItsRefreshTokenStillWorks() {
        RegisteredClient client = client();
        var tokens = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract();

        revoke(client, tokens.path("access_token"));

        introspect(client, tokens.path("access_token")).body("active", equalTo(false));
        refresh(client, tokens.path("refresh_token")).statusCode(200);
    }

    @Test
    void revokingARefreshTokenRevokesItsWholeGrant() {
        RegisteredClient client = client();
        var tokens = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract();
        introspect(client, tokens.path("refresh_token")).body("active", equalTo(true)).body("token_type", equalTo("refresh_token"));

        revoke(client, tokens.path("refresh_token"));

        introspect(client, tokens.path("refresh_token")).body("active", equalTo(false));
        introspect(client, tokens.path("access_token")).body("active", equalTo(false));
    }

    @Test
    void aRevocationAmidRefreshesLeavesNoTokenOfItsGrantAlive() throws Exception {
        RegisteredClient client = client();
        String first = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract().path("refresh_token");
        AtomicReference<String> latest = new AtomicReference<>(first);
        List<String> accessTokens = new CopyOnWriteArrayList<>();
        ExecutorService refresher = Executors.newSingleThreadExecutor();
        // walks the chain until refused: a refresh racing the revocation either ends before it or is refused
        Future<Integer> refusal = refresher.submit(() -> {
            while (true) {
                ExtractableResponse<Response> answer = refresh(client, latest.get()).extract();
                if (answer.statusCode() != 200) {
                    return answer.statusCode();
                }
                accessTokens.add(answer.path("access_token"));
                latest.set(answer.path("refresh_token"));
            }
        });
        await().atMost(30, TimeUnit.SECONDS).until(() -> accessTokens.size() >= 3);

        revoke(client, first);

        assertThat(refusal.get(30, TimeUnit.SECONDS), equalTo(400));
        refresher.shutdown();
        refresh(client, latest.get()).statusCode(400).body("error", equalTo("invalid_grant"));
        for (String access : accessTokens) {
            introspect(client, access).body("active", equalTo(false));
        }
    }

    @Test
    void aUsedRefreshTokenAndGarbageAreInactive() {
        RegisteredClient client = client();
        String refreshToken = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract().path("refresh_token");
        refresh(client, refreshToken).statusCode(200);

        introspect(client, refreshToken).body("active", equalTo(false));
        introspect(client, "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.").body("active", equalTo(false));
        introspect(client, "not a token").body("active", equalTo(false));
        revoke(client, "not a token");
    }

    private static void revoke(RegisteredClient client, String token) {
        given().formParams(Map.of("token", token, "client_id", client.clientId().toString(), "client_secret", client.secret()))
                .when().post("/oauth2/revoke")
                .then().statusCode(200);
    }
}
