package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.marketplace.platform.test.TestTokens;
import io.marketplace.platform.test.fixtures.WidgetZip;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A pipeline with one publish token, scoped to one integration's versions. */
@QuarkusTest
class CiPublishingTest {

    private static RequestSpecification asPipeline(String integrationId) {
        return given().auth().oauth2(TestTokens.publisher(UUID.fromString(integrationId)));
    }

    private static String describedIntegration(long account) {
        Map<String, Object> body = Fixtures.validIntegration();
        body.put("languages", List.of("en"));
        String id = asDeveloper(account).body(body).when().post("/api/v1/integrations")
                .then().statusCode(201).extract().path("id");
        asDeveloper(account).body(Map.of("duplicate_control", true, "multiple_sources", false, "owner_company", "Acme"))
                .when().put("/api/v1/integrations/" + id + "/versions/1/settings").then().statusCode(200);
        ListingFixtures.putCompleteListing(account, id, "en");
        return id;
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "1", "yes", "TRUE"})
    void refusesAReuseDraftThatIsNotTrueOrFalseAndMakesNoDraft(String value) {
        String id = describedIntegration(newAccount());
        String versions = "/api/v1/integrations/" + id + "/versions";
        asPipeline(id).queryParam("reuse_draft", value)
                .when().post(versions)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("reuse_draft"));
        asPipeline(id).when().get(versions).then().statusCode(200).body("_embedded.versions.size()", equalTo(1));
    }

    @Test
    void aPipelineUploadsChecksAndRequestsReviewWithOneToken() {
        String id = describedIntegration(newAccount());
        byte[] zip = WidgetZip.valid(List.of("en")).bytes();
        String versions = "/api/v1/integrations/" + id + "/versions";

        int number = asPipeline(id).queryParam("reuse_draft", true)
                .when().post(versions)
                .then().statusCode(200)
                .body("status", equalTo("draft"))
                .extract().path("number");
        asPipeline(id).contentType("application/zip").body(zip)
                .when().post("/api/v1/integrations/" + id + "/archive-checks")
                .then().statusCode(200).body("valid", equalTo(true));
        String first = asPipeline(id).contentType("application/zip").header("Idempotency-Key", "build-42").body(zip)
                .when().put(versions + "/" + number + "/archive")
                .then().statusCode(200).body("valid", equalTo(true))
                .extract().asString();
        String retried = asPipeline(id).contentType("application/zip").header("Idempotency-Key", "build-42").body(zip)
                .when().put(versions + "/" + number + "/archive")
                .then().statusCode(200)
                .extract().asString();
        org.hamcrest.MatcherAssert.assertThat(retried, equalTo(first));
        asPipeline(id).when().get(versions + "/" + number + "/completeness")
                .then().statusCode(200).body("complete", equalTo(true));
        asPipeline(id).when().post(versions + "/" + number + "/review")
                .then().statusCode(200).body("status", equalTo("in_review"));

        asPipeline(id).when().get(versions + "/" + number)
                .then().statusCode(200)
                .body("status", equalTo("in_review"))
                .body("history[0].actor", equalTo("publish-key-" + id));
        asPipeline(id).when().get(versions)
                .then().statusCode(200).body("_embedded.versions", hasSize(1));
    }

    @Test
    void aRetryAfterTheVersionMovedOnStillGetsTheFirstAnswer() {
        String id = describedIntegration(newAccount());
        byte[] zip = WidgetZip.valid(List.of("en")).bytes();
        String archive = "/api/v1/integrations/" + id + "/versions/1/archive";
        asPipeline(id).contentType("application/zip").header("Idempotency-Key", "run-7").body(zip)
                .when().put(archive).then().statusCode(200);
        asPipeline(id).when().post("/api/v1/integrations/" + id + "/versions/1/review").then().statusCode(200);

        asPipeline(id).contentType("application/zip").header("Idempotency-Key", "run-7").body(zip)
                .when().put(archive).then().statusCode(200).body("valid", equalTo(true));
        asPipeline(id).contentType("application/zip").header("Idempotency-Key", "run-8").body(zip)
                .when().put(archive).then().statusCode(409);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String id = describedIntegration(newAccount());
        String archive = "/api/v1/integrations/" + id + "/versions/1/archive";
        asPipeline(id).contentType("application/zip").header("Idempotency-Key", "once").body(WidgetZip.valid(List.of("en")).bytes())
                .when().put(archive).then().statusCode(200);

        asPipeline(id).contentType("application/zip").header("Idempotency-Key", "once")
                .body(WidgetZip.valid(List.of("en")).put("extra.js", "1;").bytes())
                .when().put(archive)
                .then().statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void theTokenReachesNoOtherIntegration() {
        String mine = describedIntegration(newAccount());
        String theirs = describedIntegration(newAccount());

        asPipeline(mine).when().get("/api/v1/integrations/" + theirs + "/versions/1").then().statusCode(404);
        asPipeline(mine).contentType("application/zip").body(WidgetZip.valid(List.of("en")).bytes())
                .when().put("/api/v1/integrations/" + theirs + "/versions/1/archive").then().statusCode(404);
        asPipeline(mine).when().post("/api/v1/integrations/" + theirs + "/versions/1/review").then().statusCode(404);
    }

    @Test
    void theTokenReachesNoEndpointOutsideVersions() {
        String id = describedIntegration(newAccount());

        asPipeline(id).when().get("/api/v1/integrations").then().statusCode(403);
        asPipeline(id).when().get("/api/v1/integrations/" + id).then().statusCode(403);
        asPipeline(id).contentType(ContentType.JSON).body("{\"scopes\": [\"crm\"]}")
                .when().patch("/api/v1/integrations/" + id).then().statusCode(403);
        asPipeline(id).when().delete("/api/v1/integrations/" + id).then().statusCode(403);
        asPipeline(id).contentType(ContentType.JSON).body(ListingFixtures.completeListing())
                .when().put(ListingFixtures.listingPath(id, "en")).then().statusCode(403);
        asPipeline(id).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/integrations/" + id + "/versions/1/publish").then().statusCode(403);
        asPipeline(id).when().post("/api/v1/integrations/" + id + "/versions/1/approve").then().statusCode(403);
        asPipeline(id).when().get("/api/v1/moderation/versions").then().statusCode(403);
    }

    @Test
    void refusesPublishTokensOlderThanFifteenMinutesUnsignedOrSignedByAnotherKey() {
        String id = describedIntegration(newAccount());

        given().auth().oauth2(TestTokens.publisherIssuedAgo(UUID.fromString(id), Duration.ofMinutes(20)))
                .when().get("/api/v1/integrations/" + id + "/versions/1")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.signedByUnknownKey(1))
                .when().get("/api/v1/integrations/" + id + "/versions/1")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.publisherSignedByUnknownKey(UUID.fromString(id)))
                .when().get("/api/v1/integrations/" + id + "/versions/1")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.unsignedPublisher(UUID.fromString(id)))
                .when().get("/api/v1/integrations/" + id + "/versions/1")
                .then().statusCode(401);
    }
}
