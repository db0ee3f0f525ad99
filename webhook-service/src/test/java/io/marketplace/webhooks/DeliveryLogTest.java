package io.marketplace.webhooks;

import static io.marketplace.webhooks.WebhookFixtures.job;
import static io.marketplace.webhooks.WebhookFixtures.log;
import static io.marketplace.webhooks.WebhookFixtures.newAccount;
import static io.marketplace.webhooks.WebhookFixtures.owned;
import static io.marketplace.webhooks.WebhookFixtures.revoked;
import static io.marketplace.webhooks.WebhookFixtures.send;
import static io.marketplace.webhooks.WebhookFixtures.status;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.TestTokens;
import io.marketplace.webhooks.Receiver.Answer;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The delivery log: who reads it, filters, and manual redelivery. */
@QuarkusTest
class DeliveryLogTest extends WithHealthyNeighbours {
    @Test
    void filtersByStatusAndTime() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID delivered = UUID.randomUUID();
        UUID blocked = UUID.randomUUID();
        try (Receiver receiver = new Receiver()) {
            send(revoked(delivered, integration, owner, 1, receiver.url("/revoke")),
                    revoked(blocked, integration, owner, 2, "https://dev.example.com/revoke"));
            await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, delivered).equals("delivered")
                    && status(owner, integration, blocked).equals("blocked"));
        }
        asAdmin(owner).queryParam("status", "blocked").when().get("/api/v1/integrations/{id}/deliveries", integration)
                .then().statusCode(200).body("_embedded.deliveries.id", contains(blocked.toString()));
        asAdmin(owner).queryParam("from", Instant.now().minusSeconds(600).toString()).queryParam("to", Instant.now().toString())
                .when().get("/api/v1/integrations/{id}/deliveries", integration)
                .then().statusCode(200)
                .body("_embedded.deliveries.id", containsInAnyOrder(delivered.toString(), blocked.toString()));
        asAdmin(owner).queryParam("to", "2020-01-01").when().get("/api/v1/integrations/{id}/deliveries", integration)
                .then().statusCode(200).body("_embedded.deliveries", hasSize(0));

        // the links carry the filter as given, encoded, and nothing else: the offset's '+' must not become a space
        String from = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusMinutes(10).truncatedTo(ChronoUnit.SECONDS).toString();
        String page = "/api/v1/integrations/" + integration + "/deliveries?from="
                + from.replace(":", "%3A").replace("+", "%2B");
        String next = asAdmin(owner).queryParam("from", from).queryParam("limit", "1").queryParam("utm_source", "x")
                .when().get("/api/v1/integrations/{id}/deliveries", integration)
                .then().statusCode(200)
                .body("_links.self.href", endsWith(page + "&page=1&limit=1"))
                .body("_links.next.href", endsWith(page + "&page=2&limit=1"))
                .extract().path("_links.next.href");
        asAdmin(owner).urlEncodingEnabled(false).when().get(next).then().statusCode(200)
                .body("_embedded.deliveries", hasSize(1))
                .body("_links.next", nullValue());
    }

    @Test
    void namesEveryBadFilter() {
        asAdmin(newAccount()).queryParam("status", "lost").queryParam("from", "yesterday").queryParam("limit", "1000")
                .when().get("/api/v1/integrations/{id}/deliveries", UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("status", "from", "limit"));
    }

    @Test
    void refusesAFilterGivenTwiceRatherThanPickingOne() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        send(revoked(UUID.randomUUID(), integration, owner, 1, "https://dev.example.com/revoke")).statusCode(200);

        asAdmin(owner).queryParam("status", "blocked").queryParam("status", "delivered")
                .when().get("/api/v1/integrations/{id}/deliveries", integration)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("status"))
                .body("errors[0].message", equalTo("status is given more than once"));
    }

    @Test
    void showsDeliveriesOnlyToTheOwningAccountsAdmins() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        send(revoked(job, integration, owner, 1, "https://dev.example.com/revoke")).statusCode(200);

        log(newAccount(), integration).statusCode(404).contentType("application/problem+json");
        log(owner, integration).statusCode(200).body("_embedded.deliveries", hasSize(1));
        given().auth().oauth2(TestTokens.technicalAdmin(newAccount()))
                .when().get("/api/v1/integrations/{id}/deliveries/{d}", integration, job).then().statusCode(404);
        given().auth().oauth2(TestTokens.user(owner, true, Roles.DEVELOPER))
                .when().get("/api/v1/integrations/{id}/deliveries", integration).then().statusCode(403);
        given().when().get("/api/v1/integrations/{id}/deliveries", integration).then().statusCode(401);
    }

    @Test
    void anIntegrationWithoutDeliveriesHasAnEmptyLogForItsOwnerOnlyFromTheMomentItIsSaved() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        log(owner, integration).statusCode(404);

        owned(integration, owner);

        log(owner, integration).statusCode(200).body("_embedded.deliveries", hasSize(0));
        log(newAccount(), integration).statusCode(404);
    }

    @Test
    void aDeletedIntegrationsLogGoesWithItsDeliveries() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        owned(integration, owner);
        send(revoked(job, integration, owner, 1, "https://dev.example.com/revoke")).statusCode(200);
        log(owner, integration).statusCode(200).body("_embedded.deliveries", hasSize(1));

        send(job(UUID.randomUUID(), "integration.deleted", "{\"integration_id\": \"" + integration + "\"}")).statusCode(200);

        log(owner, integration).statusCode(404);
        given().auth().oauth2(TestTokens.technicalAdmin(owner))
                .when().get("/api/v1/integrations/{id}/deliveries/{d}", integration, job).then().statusCode(404);
    }

    @Test
    void redeliversAFinishedDeliveryWithTheSameWebhookIdAndAFreshSchedule() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        try (Receiver receiver = new Receiver().answering(n -> Answer.status(n <= 5 ? 500 : 200))) {
            send(revoked(job, integration, owner, 1, receiver.url("/revoke")));
            await().atMost(Duration.ofSeconds(10)).until(() -> status(owner, integration, job).equals("failed"));

            asAdmin(owner).when().post("/api/v1/integrations/{id}/deliveries/{d}/redelivery", integration, job)
                    .then().statusCode(202).body("status", equalTo("pending"));
            await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, job).equals("delivered"));
            assertThat(receiver.requests(job), hasSize(6)); // the same webhook-id before and after the redelivery
        }
        WebhookFixtures.delivery(owner, integration, job).body("attempt_count", equalTo(6))
                .body("attempts.outcome", contains("retry", "retry", "retry", "retry", "failed", "delivered"));
    }

    @Test
    void refusesToRedeliverAPendingDelivery() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        try (Receiver hanging = new Receiver().answering(n -> Answer.hanging())) {
            send(revoked(job, integration, owner, 1, hanging.url("/revoke"))).statusCode(200);
            asAdmin(owner).when().post("/api/v1/integrations/{id}/deliveries/{d}/redelivery", integration, job)
                    .then().statusCode(409).contentType("application/problem+json");
        }
    }

    private static io.restassured.specification.RequestSpecification asAdmin(long account) {
        return given().auth().oauth2(TestTokens.technicalAdmin(account));
    }
}
