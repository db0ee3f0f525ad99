package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.createIntegration;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.integrations.ListingFixtures.completeListing;
import static io.marketplace.integrations.ListingFixtures.listingPath;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ListingTest {

    private static Map<String, Object> listingWith(String field, Object value) {
        Map<String, Object> listing = completeListing();
        listing.put(field, value);
        return listing;
    }

    @Test
    void savesAndReadsBackAListing() {
        long account = newAccount();
        String id = createIntegration(account);

        asDeveloper(account).body(completeListing())
                .when().put(listingPath(id, "en"))
                .then().statusCode(200)
                .body("language", equalTo("en"))
                .body("name", equalTo("CRM Sync"))
                .body("support_email", equalTo("support@dev.example.com"));

        asDeveloper(account).when().get(listingPath(id, "en"))
                .then().statusCode(200)
                .body("short_description", equalTo("Keeps your leads in sync"))
                .body("privacy_policy_url", equalTo("https://dev.example.com/privacy"))
                .body("icon", nullValue())
                .body("gallery", hasSize(0));
    }

    @Test
    void aLanguageWithNothingSavedHasAnEmptyListing() {
        long account = newAccount();
        String id = createIntegration(account);

        asDeveloper(account).when().get(listingPath(id, "es"))
                .then().statusCode(200)
                .body("language", equalTo("es"))
                .body("name", nullValue())
                .body("installed_description", nullValue());
    }

    @Test
    void countsTheShortDescriptionInCodePoints() {
        long account = newAccount();
        String id = createIntegration(account);

        asDeveloper(account).body(listingWith("short_description", "😀".repeat(50)))
                .when().put(listingPath(id, "en"))
                .then().statusCode(200)
                .body("short_description", equalTo("😀".repeat(50)));
        asDeveloper(account).body(listingWith("short_description", "a".repeat(51)))
                .when().put(listingPath(id, "en"))
                .then().statusCode(400)
                .body("errors[0].field", equalTo("short_description"))
                .body("errors[0].code", equalTo("too_long"));
    }

    @ParameterizedTest
    @CsvSource({
        "name, 255, 200", "name, 256, 400", "name, 0, 400",
        "short_description, 50, 200", "short_description, 0, 400",
        "description, 65000, 200", "description, 65001, 400", "description, 0, 400",
        "installed_description, 65001, 400",
    })
    void enforcesEachFieldsLengthOnBothSides(String field, int length, int expectedStatus) {
        long account = newAccount();
        String id = createIntegration(account);

        asDeveloper(account).body(listingWith(field, "x".repeat(length)))
                .when().put(listingPath(id, "en"))
                .then().statusCode(expectedStatus);
    }

    @Test
    void namesEveryBadFieldAtOnceAndSavesNothing() {
        long account = newAccount();
        String id = createIntegration(account);
        asDeveloper(account).body(completeListing()).when().put(listingPath(id, "en")).then().statusCode(200);

        Map<String, Object> bad = Map.of(
                "name", "",
                "short_description", "s".repeat(51),
                "description", "ok",
                "installed_description", "Hello #ACCOUNT_NAME# and #PLAN#",
                "privacy_policy_url", "javascript:alert(1)",
                "support_url", "/support",
                "support_email", "not-an-email");
        asDeveloper(account).body(bad)
                .when().put(listingPath(id, "en"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("name", "short_description", "installed_description",
                        "privacy_policy_url", "support_url", "support_email"))
                .body("errors.find { it.field == 'installed_description' }.message", containsString("#ACCOUNT_NAME#, #PLAN#"));

        asDeveloper(account).when().get(listingPath(id, "en"))
                .then().body("name", equalTo("CRM Sync"))
                .body("description", equalTo(completeListing().get("description")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plainaddress", "a@b", "a b@example.com", "@example.com", "user@.com", "user@example.", "<a@b.com>"})
    void rejectsMalformedEmails(String email) {
        long account = newAccount();
        String id = createIntegration(account);

        asDeveloper(account).body(listingWith("support_email", email))
                .when().put(listingPath(id, "en"))
                .then().statusCode(400)
                .body("errors[0].field", equalTo("support_email"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://", "ftp://files.example.com", "example.com/privacy", "https://user:pw@example.com"})
    void rejectsMalformedUrls(String url) {
        long account = newAccount();
        String id = createIntegration(account);

        asDeveloper(account).body(listingWith("privacy_policy_url", url))
                .when().put(listingPath(id, "en"))
                .then().statusCode(400)
                .body("errors[0].field", equalTo("privacy_policy_url"));
    }

    @Test
    void previewsTheInstalledDescriptionWithTheCallersValues() {
        long account = newAccount();
        String id = createIntegration(account);
        String code = asDeveloper(account).when().get("/api/v1/integrations/" + id).then().extract().path("code");
        asDeveloper(account).body(listingWith("installed_description",
                        "Account #ACCOUNT_ID# (#ACCOUNT_SUBDOMAIN#), user #USER_ID#, client #CLIENT_ID#, widget #WIDGET_CODE#. #1 CRM!"))
                .when().put(listingPath(id, "en")).then().statusCode(200);

        asDeveloper(account).when().get(listingPath(id, "en") + "/installed-description/preview")
                .then().statusCode(200)
                .body("installed_description", equalTo("Account " + account + " (), user user-" + account
                        + ", client " + id + ", widget " + code + ". #1 CRM!"));
    }

    @Test
    void answersALanguageTheIntegrationLacksAsNotFoundAndAnUnknownOneAsBadRequest() {
        long account = newAccount();
        String id = createIntegration(account);

        asDeveloper(account).body(completeListing()).when().put(listingPath(id, "pt"))
                .then().statusCode(404);
        asDeveloper(account).body(completeListing()).when().put(listingPath(id, "de"))
                .then().statusCode(400)
                .body("errors[0].field", equalTo("lang"));
        asDeveloper(account).when().get("/api/v1/integrations/" + id + "/versions/2/listings/en")
                .then().statusCode(404);
    }

    @Test
    void hidesOtherAccountsListings() {
        String id = createIntegration(newAccount());

        asDeveloper(newAccount()).when().get(listingPath(id, "en")).then().statusCode(404);
        asDeveloper(newAccount()).body(completeListing()).when().put(listingPath(id, "en")).then().statusCode(404);
    }

    @Test
    void rejectsAHugeJsonBody() {
        long account = newAccount();
        String id = createIntegration(account);

        asDeveloper(account).body(listingWith("description", "x".repeat(1_100_000)))
                .when().put(listingPath(id, "en"))
                .then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void savesAndValidatesTheVersionSettings() {
        long account = newAccount();
        String id = createIntegration(account);
        String settings = "/api/v1/integrations/" + id + "/versions/1/settings";

        asDeveloper(account).when().get(settings)
                .then().statusCode(200).body("owner_company", nullValue());
        asDeveloper(account).body(Map.of("duplicate_control", true, "multiple_sources", false, "owner_company", "Acme Ltd"))
                .when().put(settings)
                .then().statusCode(200)
                .body("duplicate_control", equalTo(true))
                .body("multiple_sources", equalTo(false))
                .body("owner_company", equalTo("Acme Ltd"));
        asDeveloper(account).body(Map.of("owner_company", "c".repeat(256)))
                .when().put(settings)
                .then().statusCode(400).body("errors[0].field", equalTo("owner_company"));
        asDeveloper(account).body("{\"duplicate_control\": \"yes please\"}")
                .when().put(settings)
                .then().statusCode(400).body("errors[0].field", equalTo("duplicate_control"));
    }

    @Test
    void addingALanguageLaterGivesItAnEmptyListingAndRemovingItDropsItsListing() {
        long account = newAccount();
        String id = createIntegration(account);
        ListingFixtures.putCompleteListing(account, id, "es");

        asDeveloper(account).when().delete("/api/v1/integrations/" + id + "/languages/es").then().statusCode(204);
        asDeveloper(account).when().get(listingPath(id, "es")).then().statusCode(404);
        asDeveloper(account).when().put("/api/v1/integrations/" + id + "/languages/es").then().statusCode(200);

        asDeveloper(account).when().get(listingPath(id, "es"))
                .then().statusCode(200)
                .body("name", nullValue())
                .body("icon", nullValue())
                .body("gallery", hasSize(0));
    }

    @Test
    void moderatorsCannotEditListings() {
        long account = newAccount();
        String id = createIntegration(account);

        given().auth().oauth2(TestTokens.user(account, true, "moderator")).contentType("application/json")
                .body(completeListing())
                .when().put(listingPath(id, "en"))
                .then().statusCode(403);
    }
}
