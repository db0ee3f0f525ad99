package io.marketplace.keys;

import static io.marketplace.keys.OAuthFixtures.client;
import static io.marketplace.keys.OAuthFixtures.code;
import static io.marketplace.keys.OAuthFixtures.exchange;
import static io.marketplace.keys.OAuthFixtures.refresh;
import static io.marketplace.keys.OAuthFixtures.sendInstallationEvent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.marketplace.keys.OAuthFixtures.RegisteredClient;
import io.marketplace.platform.persistence.Jdbc;
import io.marketplace.platform.test.DatabaseOutage;
import io.marketplace.platform.test.Prometheus;
import io.marketplace.platform.test.TestTokens;
import io.marketplace.platform.test.fuzz.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class TokenEndpointTest {

    private static final long ACCOUNT = 2002;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void exchangesACodeForASignedAccessTokenAndARefreshToken() throws Exception {
        RegisteredClient client = client();
        String code = code(client, ACCOUNT);

        var answer = exchange(client, code, Map.of())
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(86400))
                .body("refresh_token", startsWith("rt_"))
                .body("server_time", notNullValue())
                .extract();
        JwtClaims claims = OAuthFixtures.verify(answer.path("access_token"));
        assertThat(claims.getStringClaimValue("client_id"), equalTo(client.clientId().toString()));
        assertThat(claims.getClaimValue("account_id", Long.class), equalTo(ACCOUNT));
        assertThat(claims.getStringClaimValue("scope"), equalTo("crm"));
        assertThat((double) claims.getExpirationTime().getValue(), closeTo(Instant.now().getEpochSecond() + 86400, 60));
        assertThat(claims.getIssuedAt(), notNullValue());
    }

    /** A chunked body is read by the platform's body limit first; the endpoint still gets the whole form. */
    @Test
    void exchangesACodeSentAsAChunkedForm() {
        RegisteredClient client = client();
        String form = "grant_type=authorization_code&code=" + encoded(code(client, ACCOUNT)) + "&redirect_uri="
                + encoded(Registrations.REDIRECT_URI) + "&client_id=" + client.clientId() + "&client_secret="
                + encoded(client.secret());
        RawHttp.Answer answer = RawHttp.toServiceUnderTest().send("POST", "/oauth2/access_token",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), form.getBytes(StandardCharsets.UTF_8), true);
        assertThat(answer.text(), answer.status(), equalTo(200));
        assertThat(answer.text(), containsString("\"access_token\""));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void issuedCodesAndGrantsByTypeAreCountedInThePrometheusScrape() {
        RegisteredClient client = client();
        double codes = Prometheus.value("marketplace_oauth_codes_issued_total");
        double codeGrants = Prometheus.value("marketplace_oauth_grants_total", "grant_type", "authorization_code");
        double refreshGrants = Prometheus.value("marketplace_oauth_grants_total", "grant_type", "refresh_token");

        String refreshToken = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract().path("refresh_token");
        given().formParams(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                        "client_id", client.clientId().toString(), "client_secret", client.secret()))
                .when().post("/oauth2/access_token").then().statusCode(200);

        assertThat(Prometheus.value("marketplace_oauth_codes_issued_total"), equalTo(codes + 1));
        assertThat(Prometheus.value("marketplace_oauth_grants_total", "grant_type", "authorization_code"), equalTo(codeGrants + 1));
        assertThat(Prometheus.value("marketplace_oauth_grants_total", "grant_type", "refresh_token"), equalTo(refreshGrants + 1));
    }

    @Test
    void acceptsJsonBodiesAndHttpBasicClientAuthentication() {
        RegisteredClient client = client();

        given().contentType("application/json")
                .body(Map.of("grant_type", "authorization_code", "code", code(client, ACCOUNT),
                        "redirect_uri", Registrations.REDIRECT_URI, "client_id", client.clientId().toString(),
                        "client_secret", client.secret()))
                .when().post("/oauth2/access_token")
                .then().statusCode(200).body("access_token", notNullValue());
        given().auth().preemptive().basic(client.clientId().toString(), client.secret())
                .formParams(Map.of("grant_type", "authorization_code", "code", code(client, ACCOUNT),
                        "redirect_uri", Registrations.REDIRECT_URI))
                .when().post("/oauth2/access_token")
                .then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void refusesAWrongSecretAsInvalidClient() {
        RegisteredClient client = client();
        RegisteredClient wrong = new RegisteredClient(client.clientId(), "not-the-secret", client.ownerAccount());

        exchange(wrong, code(client, ACCOUNT), Map.of())
                .statusCode(401)
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_client"));
        given().auth().preemptive().basic(client.clientId().toString(), "nope")
                .formParams(Map.of("grant_type", "authorization_code", "code", "x", "redirect_uri", Registrations.REDIRECT_URI))
                .when().post("/oauth2/access_token")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void aCodeUsedTwiceFailsAndRevokesWhatTheFirstUseGave() {
        RegisteredClient client = client();
        String code = code(client, ACCOUNT);
        String refreshToken = exchange(client, code, Map.of()).statusCode(200).extract().path("refresh_token");

        exchange(client, code, Map.of()).statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(client, refreshToken).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void refusesAnotherClientsCode() {
        RegisteredClient client = client();
        RegisteredClient other = client();

        exchange(other, code(client, ACCOUNT), Map.of()).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void refusesAnExpiredCode() {
        RegisteredClient client = client();
        String code = code(client, ACCOUNT);
        Jdbc.update(dataSource, "UPDATE authorization_code SET expires_at = now() - interval '1 minute' WHERE client_id = ?",
                client.clientId());

        exchange(client, code, Map.of()).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void matchesTheRedirectUriExactly() {
        RegisteredClient client = client();

        exchange(client, code(client, ACCOUNT), Map.of("redirect_uri", Registrations.REDIRECT_URI + "/"))
                .statusCode(400).body("error", equalTo("invalid_grant"));
        exchange(client, code(client, ACCOUNT), Map.of("redirect_uri", Registrations.REDIRECT_URI.toUpperCase()))
                .statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void enforcesPkceWhenTheCodeCarriesAChallenge() throws Exception {
        RegisteredClient client = client();
        String verifier = "v".repeat(20) + "-._~" + "0123456789abcdefghijklmnop";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));

        exchange(client, code(client, ACCOUNT, challenge), Map.of("code_verifier", verifier.replace('v', 'w')))
                .statusCode(400).body("error", equalTo("invalid_grant"));
        exchange(client, code(client, ACCOUNT, challenge), Map.of())
                .statusCode(400).body("error", equalTo("invalid_grant"));
        exchange(client, code(client, ACCOUNT), Map.of("code_verifier", verifier))
                .statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("without a challenge"));
        exchange(client, code(client, ACCOUNT, challenge), Map.of("code_verifier", verifier))
                .statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void rotatesRefreshTokensAndRevokesTheGrantWhenAnOldOneComesBack() {
        RegisteredClient client = client();
        String first = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract().path("refresh_token");

        String second = refresh(client, first).statusCode(200)
                .body("access_token", notNullValue())
                .body("refresh_token", not(equalTo(first)))
                .extract().path("refresh_token");
        refresh(client, first).statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(client, second).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aRefreshTokenPresentedEightTimesAtOnceIsRotatedOnceAndTheRepeatsRevokeTheGrant() throws Exception {
        RegisteredClient client = client();
        String token = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract().path("refresh_token");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return refresh(client, token).extract();
            }));
        }
        start.countDown();
        List<String> rotated = new ArrayList<>();
        int refused = 0;
        for (Future<ExtractableResponse<Response>> answer : answers) {
            ExtractableResponse<Response> response = answer.get(30, TimeUnit.SECONDS);
            if (response.statusCode() == 200) {
                rotated.add(response.path("refresh_token"));
            } else {
                assertThat(response.statusCode(), equalTo(400));
                assertThat(response.path("error"), equalTo("invalid_grant"));
                refused++;
            }
        }
        pool.shutdown();

        assertThat(rotated.size(), equalTo(1));
        assertThat(refused, equalTo(7));
        // the repeats meant the token leaked: what the one rotation gave is revoked with the grant
        refresh(client, rotated.get(0)).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void refusesAnotherClientsRefreshTokenWithoutSpendingIt() {
        RegisteredClient client = client();
        String refreshToken = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract().path("refresh_token");

        refresh(client(), refreshToken).statusCode(400).body("error", equalTo("invalid_grant"));
        // another client cannot use it, nor make its owner lose it
        refresh(client, refreshToken).statusCode(200).body("refresh_token", not(equalTo(refreshToken)));
    }

    @Test
    void aRefreshCutOffFromTheDatabaseIsA503AndLeavesTheTokenUsable() throws Exception {
        RegisteredClient client = client();
        String token = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract().path("refresh_token");
        // a refresh runs outside a transaction, on plain JDBC: its failures must still read as the database's
        for (int i = 0; i < 4; i++) {
            refresh(client(), token).statusCode(400); // fills the pool with connections that are about to die
        }
        DatabaseOutage.cutEveryPooledConnection();
        try {
            List<Integer> statuses = new ArrayList<>();
            String rotated = null;
            while (rotated == null && statuses.size() < 30) {
                ExtractableResponse<Response> answer = refresh(client, token).extract();
                statuses.add(answer.statusCode());
                if (answer.statusCode() == 200) {
                    rotated = answer.path("refresh_token");
                } else {
                    assertThat(answer.statusCode(), equalTo(503));
                    assertThat(answer.contentType(), startsWith("application/problem+json"));
                    assertThat(answer.header("Retry-After"), equalTo("1"));
                }
            }
            assertThat(statuses.get(0), equalTo(503));
            // the refused attempts spent nothing: the token rotated once it reached the database
            assertThat(rotated, notNullValue());
            refresh(client, rotated).statusCode(200);
        } finally {
            dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL); // no dead connection is left for the next test
        }
    }

    @Test
    void aRefreshBehindAHeldLockIsA503AfterTheLockTimeoutAndLeavesTheTokenUsable() throws Exception {
        RegisteredClient client = client();
        String token = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract().path("refresh_token");
        try (Connection outside = dataSource.getConnection()) {
            outside.setAutoCommit(false);
            // a transaction that holds the client's grants and does not end: a stuck revocation, say
            try (PreparedStatement hold = outside.prepareStatement(
                    "SELECT 1 FROM token_grant WHERE client_id = ? FOR UPDATE")) {
                hold.setObject(1, client.clientId());
                hold.executeQuery().close();
            }
            ExtractableResponse<Response> answer = CompletableFuture.supplyAsync(() -> refresh(client, token).extract())
                    .get(20, TimeUnit.SECONDS); // without a lock timeout it waits for as long as the lock is held
            assertThat(answer.statusCode(), equalTo(503));
            assertThat(answer.header("Retry-After"), equalTo("1"));
            outside.rollback();
        }
        refresh(client, token).statusCode(200).body("refresh_token", not(equalTo(token)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/oauth2/access_token", "/oauth2/introspect", "/oauth2/revoke"})
    void answersAFormWithABadPercentEscapeAsAnInvalidRequest(String endpoint) {
        RegisteredClient client = client();
        given().contentType("application/x-www-form-urlencoded")
                .body("grant_type=%ZZ&token=%ZZ&client_id=" + client.clientId() + "&client_secret=" + client.secret())
                .when().post(endpoint)
                .then().statusCode(400)
                .contentType("application/json")
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo(
                        "The form has a malformed percent escape (% must be followed by two hex digits)"));
    }

    @Test
    void answersUnknownGrantsAndMissingFieldsPerRfc6749() {
        RegisteredClient client = client();

        given().formParams(Map.of("grant_type", "password", "client_id", client.clientId().toString(),
                        "client_secret", client.secret()))
                .when().post("/oauth2/access_token")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        given().formParams(Map.of("client_id", client.clientId().toString(), "client_secret", client.secret()))
                .when().post("/oauth2/access_token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        exchange(client, "x", Map.of("redirect_uri", "")).statusCode(400).body("error", equalTo("invalid_request"));
        given().formParams(Map.of("grant_type", "authorization_code"))
                .when().post("/oauth2/access_token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void refusesAHugeField() {
        given().contentType("application/json").body("{\"grant_type\": \"" + "x".repeat(1024 * 1024) + "\"}")
                .when().post("/oauth2/access_token")
                .then().statusCode(413);
    }

    @Test
    void limitsTheTokenEndpointPerClient() {
        RegisteredClient client = client();
        List<Integer> statuses = new java.util.ArrayList<>();
        String retryAfter = null;
        for (int i = 0; i < 80 && retryAfter == null; i++) {
            var response = exchange(client, "no-such-code", Map.of()).extract();
            statuses.add(response.statusCode());
            retryAfter = response.header("Retry-After");
        }

        assertThat(statuses, hasItem(429));
        assertThat(Integer.parseInt(retryAfter) >= 1, equalTo(true));
    }

    @Test
    void revokesEverythingWhenTheDisableArrivesThroughTheInbox() {
        RegisteredClient client = client();
        Map<String, Object> tokens = exchange(client, code(client, ACCOUNT), Map.of()).statusCode(200).extract().path("$");

        sendInstallationEvent("installation.disabled", client, ACCOUNT, 1);

        refresh(client, (String) tokens.get("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));
        given().auth().preemptive().basic(client.clientId().toString(), client.secret())
                .formParam("token", (String) tokens.get("access_token"))
                .when().post("/oauth2/introspect").then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void offersTheOwnerAnAuthorizationCodeForItselfOnlyWhileItHasTestInstalled() throws Exception {
        RegisteredClient client = client();
        String ownCode = "/api/v1/integrations/" + client.clientId() + "/keys/authorization-code";
        given().auth().oauth2(TestTokens.technicalAdmin(client.ownerAccount())).when().post(ownCode)
                .then().statusCode(409).contentType("application/problem+json");

        sendInstallationEvent("installation.enabled", client, client.ownerAccount(), 1);
        String code = given().auth().oauth2(TestTokens.technicalAdmin(client.ownerAccount())).when().post(ownCode)
                .then().statusCode(201)
                .body("account_id", equalTo((int) client.ownerAccount()))
                .body("expires_at", notNullValue())
                .extract().path("code");
        // anyone else, even an admin of another technical account, sees no such integration
        given().auth().oauth2(TestTokens.technicalAdmin(client.ownerAccount() + 1)).when().post(ownCode).then().statusCode(404);

        String accessToken = exchange(client, code, Map.of()).statusCode(200).extract().path("access_token");
        assertThat(OAuthFixtures.verify(accessToken).getClaimValue("account_id", Long.class), equalTo(client.ownerAccount()));
        exchange(client, code, Map.of()).statusCode(400).body("error", equalTo("invalid_grant"));

        sendInstallationEvent("installation.disabled", client, client.ownerAccount(), 1);
        given().auth().oauth2(TestTokens.technicalAdmin(client.ownerAccount())).when().post(ownCode).then().statusCode(409);
    }
}
