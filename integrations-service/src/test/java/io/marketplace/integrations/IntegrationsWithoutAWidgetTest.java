package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.ListingFixtures.imageUpload;
import static io.marketplace.integrations.ListingFixtures.listingPath;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.TestTokens;
import io.marketplace.platform.test.fixtures.Images;
import io.marketplace.platform.test.fixtures.WidgetZip;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A public integration without a widget (Kommo's "button on the site" integrations): no archive, a view-only card, and
 * no install from the marketplace.
 */
@QuarkusTest
class IntegrationsWithoutAWidgetTest {

    private static final String SITE = "https://dev.example.com/connect";

    /** A draft that says it has no widget, with its English listing and images; {@code installUrl} may be null. */
    static String widgetless(long account, String installUrl) {
        Map<String, Object> integration = Fixtures.validIntegration();
        integration.put("languages", List.of("en"));
        String id = asDeveloper(account).body(integration).when().post("/api/v1/integrations")
                .then().statusCode(201).extract().path("id");
        asDeveloper(account).body(Map.of("duplicate_control", true, "multiple_sources", false, "owner_company", "Acme",
                        "has_widget", false))
                .when().put("/api/v1/integrations/" + id + "/versions/1/settings")
                .then().statusCode(200).body("has_widget", equalTo(false));
        Map<String, Object> listing = ListingFixtures.completeListing();
        listing.put("name", uniqueName(id));
        listing.put("install_url", installUrl);
        asDeveloper(account).body(listing).when().put(listingPath(id, "en"))
                .then().statusCode(200).body("install_url", equalTo(installUrl));
        imageUpload(account, Images.png(400, 272), "image/png").when().put(listingPath(id, "en") + "/icon")
                .then().statusCode(200);
        imageUpload(account, Images.png(108, 108), "image/png").when().put(listingPath(id, "en") + "/installed-logo")
                .then().statusCode(200);
        imageUpload(account, Images.jpeg(1188, 616), "image/jpeg").when().post(listingPath(id, "en") + "/gallery")
                .then().statusCode(201);
        return id;
    }

    /** One word no other test's listing has, to find the integration in the catalog by searching for it. */
    private static String uniqueName(String id) {
        return "Listed" + id.replace("-", "");
    }

    @Test
    void isReviewedAndPublishedWithoutAnArchiveAndShowsAViewOnlyCard() {
        long account = Fixtures.newAccount();
        String id = widgetless(account, SITE);
        String version = "/api/v1/integrations/" + id + "/versions/1";
        asDeveloper(account).when().post(version + "/review").then().statusCode(200);
        given().auth().oauth2(TestTokens.user(9_000_001L, false, Roles.MODERATOR)).contentType("application/json")
                .when().post(version + "/approve").then().statusCode(200);
        asDeveloper(account).body(Map.of()).when().post(version + "/publish").then().statusCode(200);

        given().when().get("/api/v1/marketplace/integrations/{id}", id)
                .then().statusCode(200)
                .body("installable", equalTo(false))
                .body("install_url", equalTo(SITE));
        given().queryParam("q", uniqueName(id)).when().get("/api/v1/marketplace/integrations")
                .then().statusCode(200)
                .body("_embedded.integrations.id", contains(id))
                .body("_embedded.integrations[0].installable", equalTo(false));
        given().auth().oauth2(TestTokens.user(Fixtures.newAccount(), false, Roles.ADMIN)).contentType("application/json")
                .body(Map.of("language", "en"))
                .when().post("/api/v1/marketplace/integrations/" + id + "/installation")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(SITE));
    }

    @Test
    void needsTheInstallUrlOfEveryListingInsteadOfAnArchive() {
        long account = Fixtures.newAccount();
        String id = widgetless(account, null);
        asDeveloper(account).when().post("/api/v1/integrations/" + id + "/versions/1/review")
                .then().statusCode(422)
                .body("errors.field", hasItem("listings.en.install_url"))
                .body("errors.field", not(hasItem("archive")));
    }

    @Test
    void refusesAnArchiveForAVersionWithoutAWidget() {
        long account = Fixtures.newAccount();
        String id = widgetless(account, SITE);
        given().auth().oauth2(TestTokens.technicalDeveloper(account)).contentType("application/zip")
                .body(WidgetZip.valid(List.of("en")).bytes())
                .when().put("/api/v1/integrations/" + id + "/versions/1/archive")
                .then().statusCode(409).body("detail", containsString("has_widget"));
    }

    @Test
    void droppingTheWidgetDetachesTheDraftsArchive() {
        long account = Fixtures.newAccount();
        String id = MarketplaceFixtures.complete(account, Map.of("en", Map.of()));
        asDeveloper(account).body(Map.of("duplicate_control", true, "multiple_sources", false, "owner_company", "Acme",
                        "has_widget", false))
                .when().put("/api/v1/integrations/" + id + "/versions/1/settings").then().statusCode(200);
        asDeveloper(account).when().get("/api/v1/integrations/" + id + "/versions/1")
                .then().statusCode(200).body("archive_sha256", nullValue());
    }

    @Test
    void aWidgetStillNeedsItsArchiveAndHasAnInstallableCard() {
        long account = Fixtures.newAccount();
        String name = "Widgeted" + Fixtures.uniqueCode().replace("_", "");
        String id = MarketplaceFixtures.published(account, Map.of("en", Map.of("name", name)), null);
        given().when().get("/api/v1/marketplace/integrations/{id}", id)
                .then().statusCode(200).body("installable", equalTo(true)).body("install_url", nullValue());
        given().queryParam("q", name).when().get("/api/v1/marketplace/integrations")
                .then().statusCode(200)
                .body("_embedded.integrations.id", contains(id))
                .body("_embedded.integrations[0].installable", equalTo(true));
        asDeveloper(account).when().get("/api/v1/integrations/" + id + "/versions/1/settings")
                .then().statusCode(200).body("has_widget", equalTo(true));
    }
}
