package io.marketplace.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketplace.e2e.Stack.Service;
import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kommo's "button on the site" in Debian's Chromium, with the local run's development sign-in: a developer's page
 * embeds button.js, the user allows in a popup or in the top window, and the site exchanges the code. With
 * {@code -De2e.screenshots=<dir>} it also saves the screenshots under docs/ (docs/render-authorization-screenshots.sh).
 */
class AuthorizationPageBrowserTest {

    private static final long DEVELOPER = 800_000 + ProcessHandle.current().pid() % 1000 * 10;
    private static Stack stack;

    @BeforeAll
    static void startTheServices() throws Exception {
        stack = Stack.withTestIssuer("marketplace_e2e_browser", 1);
        stack.startAll();
    }

    @AfterAll
    static void stopTheServices() throws Exception {
        stack.close();
    }

    @Test
    void aUserInstallsFromTheDevelopersSiteAndTheSiteExchangesTheCode() throws Exception {
        // the Keys tab (its secret) is for the integration owner's admins
        String developer = TestTokens.user(DEVELOPER, true, Roles.DEVELOPER, Roles.ADMIN);
        String moderator = TestTokens.user(1, false, Roles.MODERATOR);
        String id = MarketplaceSteps.publish(stack, developer, moderator, "Lead Sync");

        long buyer = DEVELOPER + 5;
        JsonNode seen = BrowserFlows.playAndCheck(stack, developer, id, buyer, null);

        assertThat(seen.path("post_message").path("referer").asText(), equalTo("account" + buyer));
        // Allow installed it in the chosen account, as a marketplace install would have
        given().baseUri(stack.url(Service.INTEGRATIONS)).auth().oauth2(TestTokens.user(buyer, false, Roles.ADMIN))
                .when().get("/api/v1/marketplace/installed")
                .then().statusCode(200).body("installations.integration_id", hasItem(id));
    }
}
