package io.marketplace.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.platform.test.NeighboursStub.EVENTS_PATH;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.InjectNeighbour;
import io.marketplace.platform.test.TestTokens;
import io.marketplace.platform.test.fixtures.WidgetZip;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** draft → in_review → approved | rejected | cancelled; approved → published → superseded. */
@QuarkusTest
class VersionLifecycleTest {

    @InjectNeighbour
    WireMockServer neighbours;

    private static final long MODERATOR_ACCOUNT = 1;

    private static RequestSpecification asModerator() {
        return given().auth().oauth2(TestTokens.user(MODERATOR_ACCOUNT, false, Roles.MODERATOR)).contentType(ContentType.JSON);
    }

    private static String versions(String id) {
        return "/api/v1/integrations/" + id + "/versions";
    }

    /** An integration whose version 1 is complete: settings, listing and media in every language, and an archive. */
    static String readyIntegration(long account) {
        Map<String, Object> body = Fixtures.validIntegration();
        body.put("languages", List.of("en"));
        String id = asDeveloper(account).body(body).when().post("/api/v1/integrations")
                .then().statusCode(201).extract().path("id");
        asDeveloper(account).body(Map.of("duplicate_control", true, "multiple_sources", false, "owner_company", "Acme"))
                .when().put(versions(id) + "/1/settings").then().statusCode(200);
        ListingFixtures.putCompleteListing(account, id, "en");
        given().auth().oauth2(TestTokens.technicalDeveloper(account)).contentType("application/zip")
                .body(WidgetZip.valid(List.of("en")).bytes())
                .when().put(versions(id) + "/1/archive").then().statusCode(200);
        return id;
    }

    static void review(long account, String id, int version) {
        asDeveloper(account).when().post(versions(id) + "/" + version + "/review").then().statusCode(200);
    }

    @Test
    void aCompleteDraftGoesToReviewAndTheMoveIsRecorded() {
        long account = newAccount();
        String id = readyIntegration(account);

        asDeveloper(account).when().post(versions(id) + "/1/review")
                .then().statusCode(200)
                .body("status", equalTo("in_review"))
                .body("submitted_at", notNullValue())
                .body("history", hasSize(1))
                .body("history[0].from", equalTo("draft"))
                .body("history[0].to", equalTo("in_review"))
                .body("history[0].actor", equalTo("user-" + account))
                .body("history[0].actor_account_id", equalTo((int) account))
                .body("history[0].at", notNullValue());
        asDeveloper(account).when().get("/api/v1/integrations/" + id)
                .then().body("status", equalTo("in_review"));
    }

    @Test
    void anIncompleteDraftIsRefusedWithEveryProblemAndStaysADraft() {
        long account = newAccount();
        String id = Fixtures.createIntegration(account);

        asDeveloper(account).when().post(versions(id) + "/1/review")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("settings.owner_company", "listings.en.name", "listings.es.icon", "archive"));
        asDeveloper(account).when().get(versions(id) + "/1")
                .then().body("status", equalTo("draft")).body("history", hasSize(0));
    }

    @Test
    void aVersionInReviewIsReadOnly() {
        long account = newAccount();
        String id = readyIntegration(account);
        review(account, id, 1);

        given().auth().oauth2(TestTokens.technicalDeveloper(account)).contentType("application/zip")
                .body(WidgetZip.valid(List.of("en")).bytes())
                .when().put(versions(id) + "/1/archive").then().statusCode(409);
        asDeveloper(account).body(ListingFixtures.completeListing())
                .when().put(ListingFixtures.listingPath(id, "en")).then().statusCode(409);
        asDeveloper(account).when().post(versions(id) + "/1/review").then().statusCode(409);
    }

    @Test
    void theDeveloperCanWithdrawAVersionFromReview() {
        long account = newAccount();
        String id = readyIntegration(account);
        asDeveloper(account).when().post(versions(id) + "/1/cancel").then().statusCode(409);
        review(account, id, 1);

        asDeveloper(account).when().post(versions(id) + "/1/cancel")
                .then().statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("history.to", contains("in_review", "cancelled"));
        asModerator().when().post(versions(id) + "/1/approve").then().statusCode(409);
    }

    @Test
    void aModeratorApprovesAndTheDeveloperPublishesInACategory() {
        long account = newAccount();
        String id = readyIntegration(account);
        review(account, id, 1);
        asDeveloper(account).body("{}").when().post(versions(id) + "/1/publish").then().statusCode(409);

        asModerator().when().post(versions(id) + "/1/approve")
                .then().statusCode(200)
                .body("status", equalTo("approved"))
                .body("history[1].actor_account_id", equalTo((int) MODERATOR_ACCOUNT));
        asDeveloper(account).body(Map.of("category", "telephony"))
                .when().post(versions(id) + "/1/publish")
                .then().statusCode(200)
                .body("status", equalTo("published"))
                .body("category", equalTo("telephony"))
                .body("history.to", contains("in_review", "approved", "published"));
        asDeveloper(account).when().get("/api/v1/integrations/" + id)
                .then().body("status", equalTo("published"))
                .body("versions[0].category", equalTo("telephony"));
        // webhook-service learns the published integration's redirect URL, to check it from time to time
        await().atMost(Duration.ofSeconds(10)).until(() -> neighbours.findAll(postRequestedFor(urlEqualTo(EVENTS_PATH))).stream()
                .anyMatch(request -> request.getBodyAsString().contains("\"integration.published\"")
                        && request.getBodyAsString().contains(id)));
    }

    @Test
    void publishingWithoutACategoryFilesItUnderOtherAndAnUnknownOneIsRefused() {
        long account = newAccount();
        String id = readyIntegration(account);
        review(account, id, 1);
        asModerator().when().post(versions(id) + "/1/approve").then().statusCode(200);

        asDeveloper(account).body(Map.of("category", "astrology"))
                .when().post(versions(id) + "/1/publish")
                .then().statusCode(400).body("errors[0].field", equalTo("category"));
        asDeveloper(account).when().post(versions(id) + "/1/publish")
                .then().statusCode(200).body("category", equalTo("other"));
    }

    @Test
    void aRejectionCarriesAReasonTheDeveloperSees() {
        long account = newAccount();
        String id = readyIntegration(account);
        review(account, id, 1);

        asModerator().body("{}").when().post(versions(id) + "/1/reject")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        asModerator().body(Map.of("reason", "The gallery shows another product"))
                .when().post(versions(id) + "/1/reject")
                .then().statusCode(200)
                .body("status", equalTo("rejected"))
                .body("rejection_reason", equalTo("The gallery shows another product"));

        asDeveloper(account).when().get(versions(id) + "/1")
                .then().body("rejection_reason", equalTo("The gallery shows another product"))
                .body("history[1].reason", equalTo("The gallery shows another product"));
        asDeveloper(account).when().get("/api/v1/integrations")
                .then().body("_embedded.integrations[0].versions[0].rejection_reason",
                        equalTo("The gallery shows another product"));
    }

    @Test
    void onlyModeratorsModerateAndNeverTheirOwnAccountsVersions() {
        long account = newAccount();
        String id = readyIntegration(account);
        review(account, id, 1);

        asDeveloper(account).when().post(versions(id) + "/1/approve").then().statusCode(403);
        given().auth().oauth2(TestTokens.user(account, true, Roles.DEVELOPER, Roles.MODERATOR))
                .when().post(versions(id) + "/1/approve")
                .then().statusCode(403)
                .contentType("application/problem+json");
        asModerator().when().post(versions(id) + "/1/approve").then().statusCode(200);
    }

    @Test
    void aModeratorCannotApproveADraft() {
        long account = newAccount();
        String id = readyIntegration(account);

        asModerator().when().post(versions(id) + "/1/approve")
                .then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("draft"));
    }

    @Test
    void aNewDraftCopiesTheLatestVersionAndPublishingItSupersedesTheOld() {
        long account = newAccount();
        String id = readyIntegration(account);
        asDeveloper(account).when().post(versions(id)).then().statusCode(409);
        review(account, id, 1);
        asDeveloper(account).when().post(versions(id)).then().statusCode(409);
        asModerator().when().post(versions(id) + "/1/approve").then().statusCode(200);
        asDeveloper(account).when().post(versions(id) + "/1/publish").then().statusCode(200);

        asDeveloper(account).when().post(versions(id))
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/versions/2"))
                .body("number", equalTo(2))
                .body("status", equalTo("draft"))
                .body("archive_sha256", notNullValue());
        String iconV1 = asDeveloper(account).when().get(ListingFixtures.listingPath(id, "en")).then().extract().path("icon.sha256");
        asDeveloper(account).when().get(versions(id) + "/2/listings/en")
                .then().statusCode(200)
                .body("name", equalTo("CRM Sync"))
                .body("icon.sha256", equalTo(iconV1))
                .body("icon.url", org.hamcrest.Matchers.containsString("/2/widget/images/en/logo_main.png"))
                .body("gallery", hasSize(1));
        asDeveloper(account).when().get(versions(id) + "/2/settings").then().body("owner_company", equalTo("Acme"));

        review(account, id, 2);
        asModerator().when().post(versions(id) + "/2/approve").then().statusCode(200);
        asDeveloper(account).when().post(versions(id) + "/2/publish").then().statusCode(200);
        asDeveloper(account).when().get(versions(id) + "/1")
                .then().body("status", equalTo("superseded"))
                .body("history[3].actor", equalTo("marketplace"));
    }

    @Test
    void deletesADraftButNeverTheOnlyVersionOrAReviewedOne() {
        long account = newAccount();
        String id = readyIntegration(account);
        asDeveloper(account).when().delete(versions(id) + "/1").then().statusCode(409);
        review(account, id, 1);
        asDeveloper(account).when().delete(versions(id) + "/1").then().statusCode(409);
        asModerator().body(Map.of("reason", "Not yet")).when().post(versions(id) + "/1/reject").then().statusCode(200);
        asDeveloper(account).when().post(versions(id)).then().statusCode(201);

        asDeveloper(account).when().delete(versions(id) + "/2").then().statusCode(204);
        asDeveloper(account).when().get(versions(id) + "/2").then().statusCode(404);
    }

    @Test
    void deletesAnIntegrationOnlyIfNothingWasEverSentToReview() {
        long account = newAccount();
        String untouched = Fixtures.createIntegration(account);
        String reviewed = readyIntegration(account);
        review(account, reviewed, 1);
        asDeveloper(account).when().post(versions(reviewed) + "/1/cancel").then().statusCode(200);

        asDeveloper(account).when().delete("/api/v1/integrations/" + reviewed).then().statusCode(409);
        asDeveloper(account).when().delete("/api/v1/integrations/" + untouched).then().statusCode(204);
        asDeveloper(account).when().get("/api/v1/integrations/" + untouched).then().statusCode(404);
        asDeveloper(newAccount()).when().delete("/api/v1/integrations/" + reviewed).then().statusCode(404);
    }

    @Test
    void moderatorsSeeTheQueueOldestFirstWithReportAndCompleteness() {
        long account = newAccount();
        String first = readyIntegration(account);
        String second = readyIntegration(account);
        review(account, first, 1);
        review(account, second, 1);

        List<String> queued = asModerator().queryParam("limit", 250)
                .when().get("/api/v1/moderation/versions?status=in_review")
                .then().statusCode(200)
                .body("_embedded.versions.integration_id", hasItems(first, second))
                .body("_embedded.versions.find { it.integration_id == '" + first + "' }.archive_report.valid", equalTo(true))
                .body("_embedded.versions.find { it.integration_id == '" + first + "' }.completeness", hasSize(0))
                .extract().path("_embedded.versions.integration_id");
        org.hamcrest.MatcherAssert.assertThat(queued.indexOf(first) < queued.indexOf(second), equalTo(true));

        asDeveloper(account).when().get("/api/v1/moderation/versions").then().statusCode(403);
        asModerator().when().get("/api/v1/moderation/versions?status=waiting")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        asModerator().when().get("/api/v1/moderation/versions?status=approved")
                .then().statusCode(200).body("_embedded.versions.integration_id", org.hamcrest.Matchers.not(hasItem(first)));
    }
}
