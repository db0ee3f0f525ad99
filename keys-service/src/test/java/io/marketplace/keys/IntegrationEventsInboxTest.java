package io.marketplace.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** keys-service learns about integrations from integrations-service's outbox, once per event id. */
@QuarkusTest
class IntegrationEventsInboxTest {

    private static RequestSpecification asIntegrationsService() {
        return given().auth().oauth2(TestTokens.service("integrations-service")).contentType(ContentType.JSON);
    }

    private static String integrationSaved(UUID eventId, Instant occurredAt) {
        return """
                {"event_id": "%s", "type": "integration.saved", "occurred_at": "%s",
                 "data": {"integration_id": "%s", "owner_account_id": 1001, "code": "my_widget",
                          "redirect_uri": "https://dev.example.com/cb", "scopes": ["crm"]}}"""
                .formatted(eventId, occurredAt, UUID.randomUUID());
    }

    private static String batch(String... events) {
        return "{\"events\": [" + String.join(",", events) + "]}";
    }

    @Test
    void processesAnEventOnceEvenWhenItIsDeliveredTwice() {
        String body = batch(integrationSaved(UUID.randomUUID(), Instant.now()));

        asIntegrationsService().body(body)
                .when().post("/internal/v1/events")
                .then().statusCode(200)
                .body("received", equalTo(1))
                .body("processed", equalTo(1))
                .body("duplicates", equalTo(0));

        asIntegrationsService().body(body)
                .when().post("/internal/v1/events")
                .then().statusCode(200)
                .body("processed", equalTo(0))
                .body("duplicates", equalTo(1));
    }

    @Test
    void aBadEventRejectsTheWholeBatchAndStoresNothing() {
        String good = integrationSaved(UUID.randomUUID(), Instant.now());
        String unknownType = """
                {"event_id": "%s", "type": "integration.exploded", "occurred_at": "%s", "data": {}}"""
                .formatted(UUID.randomUUID(), Instant.now());

        asIntegrationsService().body(batch(good, unknownType))
                .when().post("/internal/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("events[1].type"));

        // the good event was not recorded by the rejected batch: it is still new
        asIntegrationsService().body(batch(good))
                .when().post("/internal/v1/events")
                .then().statusCode(200)
                .body("processed", equalTo(1));
    }

    @Test
    void namesEveryMissingFieldOfEveryEvent() {
        String incomplete = """
                {"event_id": "%s", "type": "integration.saved", "occurred_at": "%s", "data": {"code": "x"}}"""
                .formatted(UUID.randomUUID(), Instant.now());

        asIntegrationsService().body(batch(incomplete, "{\"type\": \"integration.saved\"}"))
                .when().post("/internal/v1/events")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder(
                        "events[0].data.integration_id", "events[0].data.owner_account_id",
                        "events[0].data.redirect_uri", "events[0].data.scopes",
                        "events[1].event_id", "events[1].occurred_at", "events[1].data"));
    }

    @Test
    void rejectsDataThatIsNotAnObject() {
        String nullData = """
                {"event_id": "%s", "type": "integration.saved", "occurred_at": "%s", "data": null}"""
                .formatted(UUID.randomUUID(), Instant.now());
        String textData = """
                {"event_id": "%s", "type": "integration.saved", "occurred_at": "%s", "data": "integration"}"""
                .formatted(UUID.randomUUID(), Instant.now());

        asIntegrationsService().body(batch(nullData, textData))
                .when().post("/internal/v1/events")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("events[0].data", "events[1].data"));
    }

    @Test
    void rejectsEventsFromTheFuture() {
        asIntegrationsService().body(batch(integrationSaved(UUID.randomUUID(), Instant.now().plus(1, ChronoUnit.DAYS))))
                .when().post("/internal/v1/events")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("events[0].occurred_at"));
    }

    @Test
    void rejectsTheSameEventIdTwiceInOneBatch() {
        String event = integrationSaved(UUID.randomUUID(), Instant.now());

        asIntegrationsService().body(batch(event, event))
                .when().post("/internal/v1/events")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("events[1].event_id"));
    }

    @Test
    void rejectsABatchOverOneThousandEvents() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            events.add(integrationSaved(UUID.randomUUID(), Instant.now()));
        }

        asIntegrationsService().body(batch(events.toArray(String[]::new)))
                .when().post("/internal/v1/events")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("events"));
    }

    @Test
    void rejectsAnEmptyBatch() {
        asIntegrationsService().body("{\"events\": []}")
                .when().post("/internal/v1/events")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("events"));
    }
}
