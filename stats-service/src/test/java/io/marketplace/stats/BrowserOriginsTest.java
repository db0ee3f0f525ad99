package io.marketplace.stats;

import static io.marketplace.stats.StatsFixtures.newAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A developer console served from another origin calls the JSON API as a browser does: a preflight without a token,
 * then the call, whose answer, a problem too, it may read. The tests' configuration allows http://console.test.
 */
@QuarkusTest
class BrowserOriginsTest {

    private static final String CONSOLE = "http://console.test";

    @Test
    void answersAnAllowedConsolesPreflightWithoutAToken() {
        given().header("Origin", CONSOLE).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .when().options("/api/v1/integrations/{id}/stats", UUID.randomUUID())
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", CONSOLE)
                .header("Access-Control-Allow-Methods", containsString("GET"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Vary", containsString("Origin"));
    }

    @Test
    void letsTheConsoleReadAnswersAndProblemsAlike() {
        UUID integration = UUID.randomUUID();
        given().header("Origin", CONSOLE).auth().oauth2(TestTokens.technicalAdmin(newAccount()))
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(404).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", CONSOLE);
        given().header("Origin", CONSOLE)
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(401)
                .header("Access-Control-Allow-Origin", CONSOLE)
                .header("Access-Control-Expose-Headers", containsString("WWW-Authenticate"));
    }

    @Test
    void givesAnotherOriginNothingAndRefusesNothingItself() {
        UUID integration = UUID.randomUUID();
        given().header("Origin", "http://elsewhere.test").header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/integrations/{id}/stats", integration)
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "http://elsewhere.test").auth().oauth2(TestTokens.technicalAdmin(newAccount()))
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(404).header("Access-Control-Allow-Origin", nullValue());
        // the internal API is for services, never for pages
        given().header("Origin", CONSOLE).header("Access-Control-Request-Method", "POST")
                .when().options("/internal/v1/events")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aRequestWithoutAnOriginIsAnsweredAsAlways() {
        given().auth().oauth2(TestTokens.technicalAdmin(newAccount()))
                .when().get("/api/v1/integrations/{id}/stats", UUID.randomUUID())
                .then().statusCode(404).header("Access-Control-Allow-Origin", nullValue());
    }
}
