package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.createIntegration;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MyContributionsTest {

    @Test
    void listsOnlyTheCallersAccountNewestFirst() {
        long account = newAccount();
        String first = createIntegration(account);
        String second = createIntegration(account);
        createIntegration(newAccount());

        asDeveloper(account)
                .when().get("/api/v1/integrations")
                .then().statusCode(200)
                .body("_page", equalTo(1))
                .body("_embedded.integrations.id", contains(second, first))
                .body("_embedded.integrations[0].versions[0].status", equalTo("draft"))
                .body("_links.self.href", containsString("page=1"))
                .body("_links.next", nullValue());
    }

    @Test
    void showsTheLastRedirectUriCheckAndIgnoresAnOlderReport() {
        long account = newAccount();
        String id = createIntegration(account);
        asDeveloper(account).when().get("/api/v1/integrations/" + id).then().body("redirect_uri_status", nullValue());

        reportRedirectCheck(id, "failing", "2026-11-24T10:00:00Z", "connection refused").statusCode(200);
        reportRedirectCheck(id, "ok", "2026-11-24T09:00:00Z", null).statusCode(200); // older, arrives late

        asDeveloper(account).when().get("/api/v1/integrations")
                .then().statusCode(200)
                .body("_embedded.integrations[0].redirect_uri_status.status", equalTo("failing"))
                .body("_embedded.integrations[0].redirect_uri_status.checked_at", equalTo("2026-11-24T10:00:00Z"))
                .body("_embedded.integrations[0].redirect_uri_status.error", equalTo("connection refused"));
        reportRedirectCheck(id, "lost", "2026-11-24T11:00:00Z", null).statusCode(400)
                .body("errors.field", contains("events[0].data.status"));
    }

    @Test
    void aCheckOfTheRedirectUriItReplacedIsNotShownForTheNewOne() {
        long account = newAccount();
        String id = createIntegration(account);
        String before = asDeveloper(account).when().get("/api/v1/integrations/" + id).then().extract().path("redirect_uri");
        String after = "https://dev.example.com/oauth/new-callback";
        reportRedirectCheck(id, "ok", "2026-11-24T10:00:00Z", null, before).statusCode(200);

        asDeveloper(account).body(Map.of("redirect_uri", after)).when().patch("/api/v1/integrations/" + id)
                .then().statusCode(200).body("redirect_uri_status", nullValue()); // not checked yet
        reportRedirectCheck(id, "failing", "2026-11-24T11:00:00Z", "connection refused", before).statusCode(200);
        asDeveloper(account).when().get("/api/v1/integrations/" + id).then().body("redirect_uri_status", nullValue());

        reportRedirectCheck(id, "ok", "2026-11-24T12:00:00Z", null, after).statusCode(200);
        asDeveloper(account).when().get("/api/v1/integrations/" + id).then()
                .body("redirect_uri_status.status", equalTo("ok"))
                .body("redirect_uri_status.checked_at", equalTo("2026-11-24T12:00:00Z"));
    }

    /** A report as webhook-service builds before 2026-12-02 sent it: without the URL checked. */
    private static io.restassured.response.ValidatableResponse reportRedirectCheck(String id, String status, String at,
            String error) {
        return reportRedirectCheck(id, status, at, error, null);
    }

    private static io.restassured.response.ValidatableResponse reportRedirectCheck(String id, String status, String at,
            String error, String redirectUri) {
        Map<String, Object> data = new HashMap<>(Map.of("integration_id", id, "status", status, "checked_at", at));
        if (error != null) {
            data.put("error", error);
        }
        if (redirectUri != null) {
            data.put("redirect_uri", redirectUri);
        }
        return given().auth().oauth2(TestTokens.service("webhook-service")).contentType("application/json")
                .body(Map.of("events", List.of(Map.of("event_id", UUID.randomUUID().toString(),
                        "type", "redirect_uri.checked", "occurred_at", at, "data", data))))
                .when().post("/internal/v1/events").then();
    }

    @Test
    void pagesWithNextLinks() {
        long account = newAccount();
        String oldest = createIntegration(account);
        String middle = createIntegration(account);
        String newest = createIntegration(account);

        asDeveloper(account).queryParam("limit", 2)
                .when().get("/api/v1/integrations")
                .then().statusCode(200)
                .body("_embedded.integrations.id", contains(newest, middle))
                .body("_links.next.href", containsString("page=2"));

        asDeveloper(account).queryParam("limit", 2).queryParam("page", 2)
                .when().get("/api/v1/integrations")
                .then().statusCode(200)
                .body("_page", equalTo(2))
                .body("_embedded.integrations.id", contains(oldest))
                .body("_links.next", nullValue());
    }

    @Test
    void rejectsBadPagingNamingBothParameters() {
        asDeveloper(newAccount()).queryParam("page", 0).queryParam("limit", 251)
                .when().get("/api/v1/integrations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("page", "limit"));

        asDeveloper(newAccount()).queryParam("page", "two")
                .when().get("/api/v1/integrations")
                .then().statusCode(400)
                .body("errors.field", contains("page"));
    }

    @Test
    void endsThePagesWhereTheirOffsetStopsFittingAQuery() {
        asDeveloper(newAccount()).queryParam("page", Integer.MAX_VALUE).queryParam("limit", 250)
                .when().get("/api/v1/integrations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", equalTo("page must be a whole number from 1 to 8589934"));
        asDeveloper(newAccount()).queryParam("page", 8_589_934).queryParam("limit", 250)
                .when().get("/api/v1/integrations")
                .then().statusCode(200).body("_embedded.integrations", hasSize(0));
        given().queryParam("page", 42_949_673)
                .when().get("/api/v1/marketplace/integrations")
                .then().statusCode(400).body("errors[0].message", equalTo("page must be a whole number from 1 to 42949672"));
    }

    @Test
    void answersAnotherAccountsIntegrationAsNotFound() {
        String foreign = createIntegration(newAccount());

        asDeveloper(newAccount())
                .when().get("/api/v1/integrations/{id}", foreign)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        asDeveloper(newAccount()).body("{\"scopes\": [\"crm\"]}")
                .when().patch("/api/v1/integrations/{id}", foreign)
                .then().statusCode(404);
        asDeveloper(newAccount())
                .when().put("/api/v1/integrations/{id}/languages/pt", foreign)
                .then().statusCode(404);
    }

    @Test
    void adminsOfTheAccountSeeItsIntegrationsToo() {
        long account = newAccount();
        String id = createIntegration(account);

        given().auth().oauth2(TestTokens.user(account, true, Roles.ADMIN))
                .when().get("/api/v1/integrations/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo(id));
    }

    @Test
    void answersMalformedOrNegativeIdsAsNotFound() {
        long account = newAccount();
        for (String id : new String[] {"-1", "42", "not-a-uuid", "00000000-0000-0000-0000-000000000000"}) {
            asDeveloper(account)
                    .when().get("/api/v1/integrations/{id}", id)
                    .then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void anAccountWithoutIntegrationsHasAnEmptyList() {
        asDeveloper(newAccount())
                .when().get("/api/v1/integrations")
                .then().statusCode(200)
                .body("_embedded.integrations", hasSize(0));
    }
}
