package io.marketplace.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.marketplace.webhooks.WebhookFixtures.CODE_BATCHES;
import static io.marketplace.webhooks.WebhookFixtures.codeOutcomes;
import static io.marketplace.webhooks.WebhookFixtures.delivery;
import static io.marketplace.webhooks.WebhookFixtures.installed;
import static io.marketplace.webhooks.WebhookFixtures.newAccount;
import static io.marketplace.webhooks.WebhookFixtures.revoked;
import static io.marketplace.webhooks.WebhookFixtures.send;
import static io.marketplace.webhooks.WebhookFixtures.status;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

import io.marketplace.platform.test.TestTokens;
import io.marketplace.webhooks.Receiver.Answer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * For one (integration, account), the developer's system hears of installations in the order the account acted: a
 * code delivery not yet sent when the revoke notice arrives is cancelled, a notice waits for a code being sent, a
 * re-install's code waits for the earlier notice, and nothing is sent about an installation that is over.
 */
@QuarkusTest
class InstallationOrderTest extends WithHealthyNeighbours {

    private static final String REASON = "the account disabled the integration before the code was sent";

    @Test
    void aCodeDeliveryNotYetSentIsCancelledByTheRevokeNotice() throws Exception {
        long owner = newAccount();
        long account = newAccount();
        UUID integration = UUID.randomUUID();
        UUID code = UUID.randomUUID();
        UUID notice = UUID.randomUUID();
        keysCannotIssueCodesFor(integration);
        try (Receiver receiver = new Receiver()) {
            send(installed(code, integration, owner, account, receiver.url("/oauth"), "s")).statusCode(200);
            Thread.sleep(300); // attempted once, put back: keys-service is unavailable

            send(revoked(notice, integration, owner, account, receiver.url("/revoke"))).statusCode(200);

            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.requests(notice).size() == 1);
            delivery(owner, integration, code).body("status", equalTo("cancelled")).body("last_error", equalTo(REASON));
            keysAreHealthyAgain();
            Thread.sleep(500); // well past the delay after which a put-back delivery is tried again
            assertThat(receiver.requests(code), hasSize(0));
        }
    }

    @Test
    void aCodeDeliveryArrivingAfterItsRevokeNoticeIsNeverSent() throws Exception {
        long owner = newAccount();
        long account = newAccount();
        UUID integration = UUID.randomUUID();
        UUID code = UUID.randomUUID();
        UUID notice = UUID.randomUUID();
        try (Receiver receiver = new Receiver()) {
            send(revoked(notice, integration, owner, account, receiver.url("/revoke"))).statusCode(200);
            send(installed(code, integration, owner, account, receiver.url("/oauth"), "s")).statusCode(200);

            await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, notice).equals("delivered"));
            delivery(owner, integration, code).body("status", equalTo("cancelled")).body("last_error", equalTo(REASON));
            assertThat(receiver.requests(code), hasSize(0));
        }
    }

    @Test
    void theRevokeNoticeWaitsForTheCodeBeingSentAndTheCodeIsNotRetriedAfterIt() throws Exception {
        long owner = newAccount();
        long account = newAccount();
        UUID integration = UUID.randomUUID();
        UUID code = UUID.randomUUID();
        UUID notice = UUID.randomUUID();
        try (Receiver developer = new Receiver().answering(n -> Answer.hanging()); Receiver revokes = new Receiver()) {
            send(installed(code, integration, owner, account, developer.url("/oauth"), "s")).statusCode(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> developer.requests(code).size() == 1);

            send(revoked(notice, integration, owner, account, revokes.url("/revoke"))).statusCode(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> revokes.requests(notice).size() == 1);
            // the code's attempt hung until its 2 s timeout; the notice went only after it ended
            assertThat(revokes.requests(notice).get(0).receivedAtMillis() - developer.requests(code).get(0).receivedAtMillis(),
                    greaterThanOrEqualTo(1900L));
            assertThat(developer.requests(code), hasSize(1));
            delivery(owner, integration, code).body("status", equalTo("cancelled"));
        }
    }

    @Test
    void aReinstallsCodeWaitsUntilTheEarlierRevokeNoticeIsDelivered() throws Exception {
        long owner = newAccount();
        long account = newAccount();
        UUID integration = UUID.randomUUID();
        UUID notice = UUID.randomUUID();
        UUID code = UUID.randomUUID();
        try (Receiver revokes = new Receiver().answering(n -> Answer.status(n < 3 ? 500 : 200)); Receiver developer = new Receiver()) {
            send(revoked(notice, integration, owner, account, 1, revokes.url("/revoke")),
                    installed(code, integration, owner, account, 2, developer.url("/oauth"), "s")).statusCode(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> developer.requests(code).size() == 1);
            assertThat(revokes.requests(notice), hasSize(3));
            assertThat(developer.requests(code).get(0).receivedAtMillis(),
                    greaterThanOrEqualTo(revokes.requests(notice).get(2).receivedAtMillis()));
        }
    }

    @Test
    void keysServiceRefusingACodeForAnInstallationThatIsOverCancelsTheDelivery() throws Exception {
        long owner = newAccount();
        long account = newAccount();
        UUID integration = UUID.randomUUID();
        UUID code = UUID.randomUUID();
        keys.stubFor(post(urlEqualTo(CODE_BATCHES)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.requests[?(@.client_id == '" + integration + "')]"))
                .willReturn(codeOutcomes(integration, "{\"status\": 410, \"title\": \"No longer available\"}")));
        try (Receiver developer = new Receiver()) {
            send(installed(code, integration, owner, account, developer.url("/oauth"), "s")).statusCode(200);

            await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, code).equals("cancelled"));
            delivery(owner, integration, code).body("attempts[0].outcome", equalTo("cancelled"));
            assertThat(developer.requests(code), hasSize(0));
        }
    }

    @Test
    void aRevokeWithoutAUrlOnlyCancelsTheCodeDeliveries() throws Exception {
        long owner = newAccount();
        long account = newAccount();
        UUID integration = UUID.randomUUID();
        UUID code = UUID.randomUUID();
        UUID notice = UUID.randomUUID();
        keysCannotIssueCodesFor(integration);
        try (Receiver developer = new Receiver()) {
            send(installed(code, integration, owner, account, developer.url("/oauth"), "s")).statusCode(200);

            send(revoked(notice, integration, owner, account, 1, null)).statusCode(200).body("processed", equalTo(1));

            delivery(owner, integration, code).body("status", equalTo("cancelled"));
            delivery(owner, integration, notice).statusCode(404);
        }
    }

    @Test
    void neitherACancelledNorAnOutOfOrderDeliveryIsRedelivered() throws Exception {
        long owner = newAccount();
        long account = newAccount();
        UUID integration = UUID.randomUUID();
        UUID firstCode = UUID.randomUUID();
        UUID notice = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        try (Receiver receiver = new Receiver()) {
            send(installed(firstCode, integration, owner, account, receiver.url("/oauth"), "s")).statusCode(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, firstCode).equals("delivered"));
            send(revoked(notice, integration, owner, account, receiver.url("/revoke"))).statusCode(200);
            send(installed(cancelled, integration, owner, account, receiver.url("/oauth"), "s")).statusCode(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, notice).equals("delivered"));

            redeliver(owner, integration, firstCode).statusCode(409);
            redeliver(owner, integration, cancelled).statusCode(409);
            redeliver(owner, integration, notice).statusCode(202);
        }
    }

    private static ValidatableResponse redeliver(long owner, UUID integration, UUID id) {
        return given().auth().oauth2(TestTokens.technicalAdmin(owner))
                .when().post("/api/v1/integrations/{id}/deliveries/{delivery}/redelivery", integration, id).then();
    }

    /** keys-service answers 503 to this integration's code requests: its code deliveries wait, put back. */
    private void keysCannotIssueCodesFor(UUID integration) {
        keys.stubFor(post(urlEqualTo(CODE_BATCHES)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.requests[?(@.client_id == '" + integration + "')]"))
                .willReturn(aResponse().withStatus(503)));
    }

    private void keysAreHealthyAgain() {
        keys.resetMappings();
        WebhookFixtures.healthyKeys(keys);
    }
}
