package io.marketplace.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.marketplace.platform.test.NeighboursStub.EVENTS_PATH;
import static io.marketplace.webhooks.WebhookFixtures.job;
import static io.marketplace.webhooks.WebhookFixtures.newAccount;
import static io.marketplace.webhooks.WebhookFixtures.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.marketplace.platform.test.InjectNeighbour;
import io.marketplace.platform.test.NeighboursStub;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redirect URL checks of published integrations, against loopback receivers only; changes go to integrations-service. */
@QuarkusTest
class RedirectCheckTest {

    @InjectNeighbour
    WireMockServer neighbours;

    @BeforeEach
    void neighboursAreUp() {
        NeighboursStub.acceptAllEvents(neighbours);
    }

    @Test
    void reportsTheFirstResultAFailureAndARecoveryButNotAnUnchangedResult() throws Exception {
        UUID integration = UUID.randomUUID();
        Receiver receiver = new Receiver().answering(n -> Receiver.Answer.status(404)); // any answer is "reachable"
        String url = receiver.url("/oauth");
        published(integration, url, true);

        assertThat(statusAfterCheck(integration), equalTo("ok"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reports(integration).size() == 1);

        receiver.close(); // nothing listens there any more
        assertThat(statusAfterCheck(integration), equalTo("failing"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reports(integration).size() == 2);
        assertThat(statusAfterCheck(integration), equalTo("failing"));
        Thread.sleep(1500); // the outbox would have sent a third report by now
        List<JsonPath> reports = reports(integration);
        assertThat(reports, hasSize(2));
        assertThat(reports.get(0).getString("status"), equalTo("ok"));
        assertThat(reports.get(1).getString("status"), equalTo("failing"));
        assertThat(reports.get(1).getString("error"), containsString("onnection refused"));
        assertThat(reports.get(1).getString("redirect_uri"), equalTo(url)); // so a report about a replaced URL is told apart
    }

    @Test
    void aUrlOutsideThePolicyIsReportedFailingWithoutBeingLookedUp() {
        UUID integration = UUID.randomUUID();
        published(integration, "https://dev.example.com/oauth", true);

        checkNow().body("find { it.integration_id == '" + integration + "' }.error",
                containsString("dev.example.com was not looked up"));
    }

    @Test
    void leavesUnpublishedIntegrationsAlone() {
        UUID integration = UUID.randomUUID();
        published(integration, "http://127.0.0.1:9/oauth", false);

        checkNow().body("findAll { it.integration_id == '" + integration + "' }", hasSize(0));
    }

    private static void published(UUID integration, String url, boolean published) {
        send(job(UUID.randomUUID(), "integration.published", """
                {"integration_id": "%s", "owner_account_id": %d, "redirect_uri": "%s", "published": %s}"""
                .formatted(integration, newAccount(), url, published))).statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse checkNow() {
        return given().auth().oauth2(TestTokens.service("integrations-service"))
                .when().post("/internal/v1/redirect-checks").then().statusCode(200);
    }

    private static String statusAfterCheck(UUID integration) {
        return checkNow().extract().path("find { it.integration_id == '" + integration + "' }.status");
    }

    /** The redirect_uri.checked events integrations-service received about the integration, in order. */
    private List<JsonPath> reports(UUID integration) {
        return neighbours.findAll(postRequestedFor(urlEqualTo(EVENTS_PATH))).stream()
                .map(LoggedRequest::getBodyAsString)
                .flatMap(body -> JsonPath.from(body).getList("events", Map.class).stream())
                .filter(event -> "redirect_uri.checked".equals(event.get("type")))
                .map(event -> new JsonPath(toJson(event.get("data"))))
                .filter(data -> data.getString("integration_id").equals(integration.toString()))
                .toList();
    }

    private static String toJson(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
