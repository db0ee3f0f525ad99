package io.marketplace.keys;

import static io.marketplace.keys.OAuthFixtures.askCode;
import static io.marketplace.keys.OAuthFixtures.client;
import static io.marketplace.keys.OAuthFixtures.exchange;
import static io.marketplace.keys.OAuthFixtures.refresh;
import static io.marketplace.keys.OAuthFixtures.sendInstallationEvent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.marketplace.keys.OAuthFixtures.RegisteredClient;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Codes and tokens follow integrations-service's decision on each installation: a disabled installation's codes do not
 * exchange and its tokens die, no code is issued for it, and a late report about an earlier installation never touches
 * a later one.
 */
@QuarkusTest
class InstallationGenerationsTest {

    private static final long ACCOUNT = 4004;

    @Test
    void aCodeIssuedBeforeTheDisableNoLongerExchangesAfterIt() {
        RegisteredClient client = client();
        String code = askCode(client, ACCOUNT, 1, null).statusCode(201).extract().path("code");

        sendInstallationEvent("installation.disabled", client, ACCOUNT, 1);

        exchange(client, code, Map.of()).statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The account disabled the integration after this code was issued"));
    }

    @Test
    void noCodeIsIssuedForAnInstallationThatIsOverButTheNextInstallationGetsOne() {
        RegisteredClient client = client();
        sendInstallationEvent("installation.disabled", client, ACCOUNT, 1);

        askCode(client, ACCOUNT, 1, null).statusCode(410).contentType("application/problem+json");
        String code = askCode(client, ACCOUNT, 2, null).statusCode(201).extract().path("code");
        exchange(client, code, Map.of()).statusCode(200);
        // once a later installation exists, the earlier one can never be asked for again
        askCode(client, ACCOUNT, 1, null).statusCode(410);
    }

    @Test
    void theDisableEndsEveryTokenOfTheInstallation() {
        RegisteredClient client = client();
        Map<String, Object> tokens = exchange(client, askCode(client, ACCOUNT, 1, null).extract().path("code"), Map.of())
                .statusCode(200).extract().path("$");

        sendInstallationEvent("installation.disabled", client, ACCOUNT, 1);

        introspect(client, (String) tokens.get("access_token")).body("active", equalTo(false));
        introspect(client, (String) tokens.get("refresh_token")).body("active", equalTo(false));
        refresh(client, (String) tokens.get("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aLateDisableOfAnEarlierInstallationLeavesTheReinstallAlone() {
        RegisteredClient client = client();
        sendInstallationEvent("installation.enabled", client, ACCOUNT, 2);
        Map<String, Object> tokens = exchange(client, askCode(client, ACCOUNT, 2, null).extract().path("code"), Map.of())
                .statusCode(200).extract().path("$");

        sendInstallationEvent("installation.disabled", client, ACCOUNT, 1);

        introspect(client, (String) tokens.get("access_token")).body("active", equalTo(true));
        refresh(client, (String) tokens.get("refresh_token")).statusCode(200);
        askCode(client, ACCOUNT, 2, null).statusCode(201);
    }

    @Test
    void aDisableThatArrivesBeforeItsInstallStillWins() {
        RegisteredClient client = client();
        String ownCode = "/api/v1/integrations/" + client.clientId() + "/keys/authorization-code";

        sendInstallationEvent("installation.disabled", client, client.ownerAccount(), 1);
        sendInstallationEvent("installation.enabled", client, client.ownerAccount(), 1);

        given().auth().oauth2(TestTokens.technicalAdmin(client.ownerAccount())).when().post(ownCode).then().statusCode(409);
        askCode(client, client.ownerAccount(), 1, null).statusCode(410);
    }

    @Test
    void theOwnersOwnCodeAndLongLivedTokenEndWithItsTestInstallation() {
        RegisteredClient client = client();
        String keys = "/api/v1/integrations/" + client.clientId() + "/keys";
        sendInstallationEvent("installation.enabled", client, client.ownerAccount(), 1);
        String ownCode = given().auth().oauth2(TestTokens.technicalAdmin(client.ownerAccount()))
                .when().post(keys + "/authorization-code").then().statusCode(201).extract().path("code");
        String longLived = given().auth().oauth2(TestTokens.technicalAdmin(client.ownerAccount())).contentType("application/json")
                .body(Map.of("expires_at", Instant.now().plus(30, ChronoUnit.DAYS).toString()))
                .when().post(keys + "/long-lived-tokens").then().statusCode(201).extract().path("token");
        introspect(client, longLived).body("active", equalTo(true));

        sendInstallationEvent("installation.disabled", client, client.ownerAccount(), 1);

        exchange(client, ownCode, Map.of()).statusCode(400).body("error", equalTo("invalid_grant"));
        introspect(client, longLived).body("active", equalTo(false));
    }

    @Test
    void refusesACodeRequestWithoutAnInstallationGeneration() {
        RegisteredClient client = client();
        askCode(client, ACCOUNT, 0, null).statusCode(400).body("errors[0].field", equalTo("generation"));
    }

    private static ValidatableResponse introspect(RegisteredClient client, String token) {
        return given().auth().preemptive().basic(client.clientId().toString(), client.secret())
                .formParam("token", token).when().post("/oauth2/introspect").then().statusCode(200);
    }
}
