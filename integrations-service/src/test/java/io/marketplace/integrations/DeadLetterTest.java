package io.marketplace.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.platform.test.NeighboursStub.EVENTS_PATH;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.marketplace.platform.test.InjectNeighbour;
import io.marketplace.platform.test.NeighboursStub;
import io.marketplace.platform.test.Prometheus;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A neighbour that refuses an event for good: the event becomes a dead letter, the rest of its batch is delivered,
 * the owner sees the notice that could not be sent, and an operator replays it once the cause is fixed.
 */
@QuarkusTest
class DeadLetterTest {

    private static final String DEAD_LETTERS = "/internal/v1/outbox/dead-letters";

    @InjectNeighbour
    WireMockServer neighbours;

    @AfterEach
    void healNeighbours() {
        NeighboursStub.acceptAllEvents(neighbours);
    }

    @Test
    void aRefusedEventBecomesADeadLetterWhileTheGoodEventsOfItsBatchAreDelivered() {
        double deadBefore = Prometheus.value("marketplace_outbox_dead_letters_total",
                "destination", "keys-service", "type", "integration.saved");
        neighbours.resetAll();
        neighbours.stubFor(post(urlEqualTo(EVENTS_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        long developer = newAccount();
        String good = Fixtures.createIntegration(developer);
        String poison = Fixtures.createIntegration(developer);
        String alsoGood = Fixtures.createIntegration(developer);

        // the neighbours come back, refusing every batch that holds the poison event
        neighbours.resetAll();
        NeighboursStub.acceptAllEvents(neighbours);
        neighbours.stubFor(post(urlEqualTo(EVENTS_PATH)).atPriority(1).withRequestBody(containing(poison))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":400,\"title\":\"Bad Request\",\"detail\":\"events[1].data is not valid\"}")));

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLettersAbout(poison) == 3 && accepted(good) && accepted(alsoGood));
        assertThat("the three were sent in one batch first", served().stream().anyMatch(event -> status(event) == 400
                && body(event).contains(good) && body(event).contains(poison) && body(event).contains(alsoGood)), equalTo(true));
        assertThat("the good events never went out with the poison again after the split", served().stream()
                .filter(event -> status(event) == 200 && body(event).contains(good)).noneMatch(event -> body(event).contains(poison)),
                equalTo(true));
        assertThat(Prometheus.value("marketplace_outbox_dead_letters_total", "destination", "keys-service",
                "type", "integration.saved"), greaterThanOrEqualTo(deadBefore + 1));

        // the owner sees what could not be sent, and why
        asDeveloper(developer).when().get("/api/v1/integrations/" + poison)
                .then().statusCode(200)
                .body("undelivered_notices.service", containsInAnyOrder("keys-service", "webhook-service", "stats-service"))
                .body("undelivered_notices.type", everyItem(equalTo("integration.saved")))
                .body("undelivered_notices[0].error", containsString("400"));
        asDeveloper(developer).when().get("/api/v1/integrations/" + good).then().statusCode(200).body("undelivered_notices", hasSize(0));
        asDeveloper(developer).when().get("/api/v1/integrations")
                .then().statusCode(200).body("_embedded.integrations.find { it.id == '" + poison + "' }.undelivered_notices", hasSize(3));

        // the cause fixed, an operator replays it and it is delivered
        NeighboursStub.acceptAllEvents(neighbours);
        given().auth().oauth2(TestTokens.service("operator")).queryParam("destination", "keys-service")
                .when().post(DEAD_LETTERS + "/replay")
                .then().statusCode(200).body("replayed", greaterThanOrEqualTo(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted(poison) && deadLettersAbout(poison) == 2);
        asDeveloper(developer).when().get("/api/v1/integrations/" + poison)
                .then().statusCode(200).body("undelivered_notices.service", containsInAnyOrder("webhook-service", "stats-service"));
    }

    @Test
    void onlyServicesListAndReplayDeadLetters() {
        given().auth().oauth2(TestTokens.technicalAdmin(newAccount())).when().get(DEAD_LETTERS).then().statusCode(403);
        given().auth().oauth2(TestTokens.technicalAdmin(newAccount())).when().post(DEAD_LETTERS + "/replay").then().statusCode(403);
        given().auth().oauth2(TestTokens.service("operator"))
                .when().post(DEAD_LETTERS + "/" + UUID.randomUUID() + "/replay")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private int deadLettersAbout(String integrationId) {
        List<String> ids = given().auth().oauth2(TestTokens.service("operator")).queryParam("limit", 250)
                .when().get(DEAD_LETTERS)
                .then().statusCode(200).extract().path("_embedded.dead_letters.data.integration_id");
        return (int) ids.stream().filter(integrationId::equals).count();
    }

    private boolean accepted(String integrationId) {
        return served().stream().anyMatch(event -> status(event) == 200 && body(event).contains(integrationId));
    }

    private List<ServeEvent> served() {
        return neighbours.getAllServeEvents().stream().filter(event -> event.getRequest().getUrl().equals(EVENTS_PATH)).toList();
    }

    private static int status(ServeEvent event) {
        return event.getResponse().getStatus();
    }

    private static String body(ServeEvent event) {
        return event.getRequest().getBodyAsString();
    }
}
