package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.createIntegration;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.integrations.ListingFixtures.imageUpload;
import static io.marketplace.integrations.ListingFixtures.listingPath;
import static io.marketplace.integrations.MarketplaceFixtures.complete;
import static io.marketplace.integrations.MarketplaceFixtures.published;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.AtOnce;
import io.marketplace.platform.test.TestTokens;
import io.marketplace.platform.test.fixtures.Images;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Requests that change one integration at the same moment, as a double-clicking frontend, two pipelines or two
 * moderators send them: each answers as if it ran alone after the others, with no 500 and no change written over.
 */
@QuarkusTest
class ConcurrentChangesTest {

    @Inject
    DataSource dataSource;

    private static final int AT_ONCE = 8;

    @Test
    void firstSavesOfOneListingAtOnceAllSucceedAndLeaveOneListing() {
        long account = newAccount();
        String id = createIntegration(account);

        List<Response> saves = AtOnce.send(AT_ONCE, i -> asDeveloper(account).body(listing("Name " + i))
                .when().put(listingPath(id, "en")));
        List<Response> icons = AtOnce.send(AT_ONCE, i -> imageUpload(account, Images.png(400, 272), "image/png")
                .when().put(listingPath(id, "en") + "/icon"));

        assertThat(statuses(saves), everyItem(is(200)));
        assertThat(statuses(icons), everyItem(is(200)));
        List<String> savedNames = saves.stream().map(save -> save.<String>path("name")).toList();
        asDeveloper(account).when().get(listingPath(id, "en")).then().statusCode(200)
                .body("name", is(in(savedNames)))
                .body("icon.url", notNullValue());
    }

    @Test
    void editsRacingAReviewRequestDoNotSendTheVersionBackToDraft() {
        long account = newAccount();
        for (int round = 0; round < 3; round++) {
            String id = complete(account, Map.of("en", Map.of("name", "Racing " + round)));
            String version = "/api/v1/integrations/" + id + "/versions/1";

            List<Response> answers = AtOnce.send(AT_ONCE, i -> i == 0
                    ? asDeveloper(account).when().post(version + "/review")
                    : asDeveloper(account).body(listing("Edit " + i)).when().put(listingPath(id, "en")));

            assertThat(answers.get(0).statusCode(), equalTo(200));
            assertThat(statuses(answers.subList(1, AT_ONCE)), everyItem(is(in(List.of(200, 409)))));
            asDeveloper(account).when().get(version).then().statusCode(200).body("status", equalTo("in_review"));
        }
    }

    @Test
    void twoModeratorsDecidingAtOnceMakeOneDecision() {
        long account = newAccount();
        String id = complete(account, Map.of("en", Map.of("name", "Moderated")));
        String version = "/api/v1/integrations/" + id + "/versions/1";
        asDeveloper(account).when().post(version + "/review").then().statusCode(200);

        List<Response> decisions = AtOnce.send(2, i -> given()
                .auth().oauth2(TestTokens.user(9_000_001L + i, false, Roles.MODERATOR)).contentType("application/json")
                .body(i == 0 ? Map.of() : Map.of("reason", "Blurry icon"))
                .when().post(version + (i == 0 ? "/approve" : "/reject")));

        assertThat(statuses(decisions), containsInAnyOrder(200, 409));
        String decided = decisions.get(0).statusCode() == 200 ? "approved" : "rejected";
        asDeveloper(account).when().get(version).then().body("status", equalTo(decided));
    }

    @Test
    void pipelinesAskingForANewVersionAtOnceGetOneDraft() {
        long account = newAccount();
        String id = published(account, Map.of("en", Map.of("name", "Pipelines")), null);
        String versions = "/api/v1/integrations/" + id + "/versions";

        List<Response> plain = AtOnce.send(AT_ONCE, i -> asDeveloper(account).when().post(versions));
        assertThat(statuses(plain), containsInAnyOrder(expected(201, 409)));
        asDeveloper(account).when().delete(versions + "/2").then().statusCode(204);

        List<Response> reusing = AtOnce.send(AT_ONCE, i -> asDeveloper(account).queryParam("reuse_draft", "true")
                .when().post(versions));
        assertThat(statuses(reusing), containsInAnyOrder(expected(201, 200)));
        assertThat(reusing.stream().map(answer -> answer.<Integer>path("number")).toList(), everyItem(is(2)));
    }

    @Test
    void patchesOfDifferentFieldsAtOnceKeepBoth() {
        long account = newAccount();
        String id = createIntegration(account);
        for (int round = 0; round < 5; round++) {
            String redirect = "https://dev.example.com/callback/" + round;
            String revoke = "https://dev.example.com/revoked/" + round;

            List<Response> patches = AtOnce.send(2, i -> asDeveloper(account)
                    .body(i == 0 ? Map.of("redirect_uri", redirect) : Map.of("revoke_url", revoke))
                    .when().patch("/api/v1/integrations/" + id));

            assertThat(statuses(patches), everyItem(is(200)));
            asDeveloper(account).when().get("/api/v1/integrations/" + id).then()
                    .body("redirect_uri", equalTo(redirect))
                    .body("revoke_url", equalTo(revoke));
        }
    }

    @Test
    void anotherAccountsChangeHoldsNothingOfTheIntegration() throws Exception {
        long account = newAccount();
        String id = createIntegration(account);
        try (Connection editing = dataSource.getConnection()) {
            editing.setAutoCommit(false); // a change of the integration in progress, holding its row
            try (PreparedStatement hold = editing.prepareStatement("SELECT 1 FROM integration WHERE id = ? FOR UPDATE")) {
                hold.setObject(1, UUID.fromString(id));
                hold.executeQuery();
            }
            // not a wait for the lock and a 503 five seconds later: a stranger gets nothing of it
            asDeveloper(newAccount()).body(Map.of("revoke_url", "https://dev.example.com/stranger"))
                    .when().patch("/api/v1/integrations/" + id).then().statusCode(404);
            editing.rollback();
        }
    }

    /** One request answered {@code first}, every other one {@code rest}. */
    private static Integer[] expected(int first, int rest) {
        List<Integer> statuses = new ArrayList<>(Collections.nCopies(AT_ONCE - 1, rest));
        statuses.add(first);
        return statuses.toArray(Integer[]::new);
    }

    private static Map<String, Object> listing(String name) {
        Map<String, Object> listing = ListingFixtures.completeListing();
        listing.put("name", name);
        return listing;
    }

    private static List<Integer> statuses(List<Response> answers) {
        return answers.stream().map(Response::statusCode).toList();
    }
}
