package io.marketplace.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.platform.test.NeighboursStub.EVENTS_PATH;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.marketplace.platform.test.InjectNeighbour;
import io.marketplace.platform.test.NeighboursStub;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating an integration tells keys-, webhook- and stats-service through the outbox, whatever state they are in. */
@QuarkusTest
class OutboxDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectNeighbour
    WireMockServer neighbours;

    @AfterEach
    void healNeighbours() {
        NeighboursStub.acceptAllEvents(neighbours);
    }

    @Test
    void deliversAnEventWrittenWhileKeysServiceIsDownOnceItIsBack() throws Exception {
        neighbours.resetAll();
        neighbours.stubFor(post(urlEqualTo(EVENTS_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        String id = asDeveloper(newAccount()).body(Fixtures.validIntegration())
                .when().post("/api/v1/integrations")
                .then().statusCode(201)
                .extract().path("id");

        // the neighbours are down: the integration exists and the relay keeps trying
        await().atMost(Duration.ofSeconds(15)).until(() -> requestsAbout(id).size() >= 6);
        Set<String> eventIdsWhileDown = requestsAbout(id).stream().map(request -> eventAbout(request, id).get("event_id").asText())
                .collect(Collectors.toSet());
        assertThat("one event per neighbour, each retried under its own id", eventIdsWhileDown, hasSize(3));

        NeighboursStub.acceptAllEvents(neighbours);
        await().atMost(Duration.ofSeconds(30)).until(() -> requestsAbout(id).size() == 3);
        // acknowledged: later relay rounds never send them again
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> requestsAbout(id).size() == 3);

        for (LoggedRequest delivered : requestsAbout(id)) {
            JsonNode event = eventAbout(delivered, id);
            assertThat("the event keeps its id across retries", eventIdsWhileDown, hasItem(event.get("event_id").asText()));
            assertThat(event.get("type").asText(), equalTo("integration.saved"));
            assertThat(event.at("/data/redirect_uri").asText(), equalTo("https://dev.example.com/oauth/callback"));
            assertThat(delivered.getHeader("Authorization"), startsWith("Bearer "));
            assertThat("the relay presents a service token", claimsOf(delivered.getHeader("Authorization")),
                    containsString("\"service\""));
        }
    }

    @Test
    void sendsOneEventPerChangeInTheOrderTheyHappened() throws Exception {
        long account = newAccount();
        String id = Fixtures.createIntegration(account);
        asDeveloper(account).body("{\"redirect_uri\": \"https://second.example.com/cb\"}")
                .when().patch("/api/v1/integrations/{id}", id)
                .then().statusCode(200);

        // each answer waited for its neighbours to have their events (keys-, webhook- and, for the create, stats-service):
        // no waiting here, and no overtaking
        assertThat(redirectUrisSentFor(id), equalTo(List.of("https://dev.example.com/oauth/callback",
                "https://dev.example.com/oauth/callback", "https://dev.example.com/oauth/callback",
                "https://second.example.com/cb", "https://second.example.com/cb")));
    }

    @Test
    void theEventsOfOneChangeReachANeighbourInTheOrderTheChangeQueuedThem() {
        long developer = newAccount();
        String id = Fixtures.createIntegration(developer);
        given().auth().oauth2(TestTokens.technicalAdmin(developer)).contentType("application/json")
                .body(Map.of("language", "en")).when().post("/api/v1/marketplace/integrations/" + id + "/installation")
                .then().statusCode(201);

        // one transaction ends the owner's test install, then deletes the integration
        asDeveloper(developer).when().delete("/api/v1/integrations/" + id).then().statusCode(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> typesSentToWebhookServiceAbout(id).contains("integration.deleted"));
        assertThat("webhook-service hears of the revocation before the integration goes (and its delivery log with it)",
                typesSentToWebhookServiceAbout(id),
                equalTo(List.of("code_delivery.requested", "revoke_notice.requested", "integration.deleted")));
    }

    /** Events about the integration in the batches that went to webhook-service (the ones holding a delivery job). */
    private List<String> typesSentToWebhookServiceAbout(String integrationId) {
        return requestsAbout(integrationId).stream().map(OutboxDeliveryTest::eventsIn)
                .filter(events -> events.stream().anyMatch(event -> event.get("type").asText().endsWith(".requested")))
                .flatMap(List::stream)
                .filter(event -> event.at("/data/integration_id").asText().equals(integrationId))
                .map(event -> event.get("type").asText())
                .toList();
    }

    private List<LoggedRequest> requestsAbout(String integrationId) {
        return neighbours.findAll(postRequestedFor(urlEqualTo(EVENTS_PATH)).withRequestBody(containing(integrationId)));
    }

    private List<String> redirectUrisSentFor(String integrationId) {
        return requestsAbout(integrationId).stream()
                .flatMap(request -> eventsIn(request).stream())
                .filter(event -> event.at("/data/integration_id").asText().equals(integrationId))
                .map(event -> event.at("/data/redirect_uri").asText())
                .toList();
    }

    private static JsonNode eventAbout(LoggedRequest request, String integrationId) {
        return eventsIn(request).stream()
                .filter(event -> event.at("/data/integration_id").asText().equals(integrationId))
                .findFirst().orElseThrow();
    }

    private static List<JsonNode> eventsIn(LoggedRequest request) {
        try {
            List<JsonNode> events = new java.util.ArrayList<>();
            JSON.readTree(request.getBodyAsString()).get("events").forEach(events::add);
            return events;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claimsOf(String authorization) {
        String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
        return new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    }
}
