package io.marketplace.webhooks;

import static io.marketplace.webhooks.WebhookFixtures.delivery;
import static io.marketplace.webhooks.WebhookFixtures.job;
import static io.marketplace.webhooks.WebhookFixtures.log;
import static io.marketplace.webhooks.WebhookFixtures.newAccount;
import static io.marketplace.webhooks.WebhookFixtures.revoked;
import static io.marketplace.webhooks.WebhookFixtures.send;
import static io.marketplace.webhooks.WebhookFixtures.status;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.marketplace.webhooks.persistence.DeliveryRepository.Leased;
import io.marketplace.webhooks.persistence.DeliveryRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What is accepted as a job, and that an accepted job survives: bad input, a busy database, a worker that died. */
@QuarkusTest
class JobAcceptanceTest extends WithHealthyNeighbours {
    @Inject
    DeliveryRepository store;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void refusesBadJobsNamingEveryProblemAndStoresNone() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        String good = revoked(UUID.randomUUID(), integration, owner, 1, "http://127.0.0.1:9/revoke");

        send(good,
                revoked(UUID.randomUUID(), integration, owner, 1, "not a url"),
                revoked(UUID.randomUUID(), integration, owner, 1, "ftp://files.example.com/revoke"),
                job(UUID.randomUUID(), "revoke_notice.requested", "{\"integration_id\": \"" + integration + "\"}"),
                job(UUID.randomUUID(), "code_delivery.requested", """
                        {"integration_id": "%s", "owner_account_id": %d, "account_id": 7, "url": "http://127.0.0.1:9/oauth"}"""
                        .formatted(integration, owner)),
                job(UUID.randomUUID(), "fax_sent", "{}"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("events[1].data.url", "events[2].data.url",
                        "events[3].data.owner_account_id", "events[3].data.account_id",
                        "events[3].data.generation", "events[4].data.generation", "events[4].data.referer",
                        "events[5].type"));

        // nothing stored: the integration is not even known
        log(owner, integration).statusCode(404);
    }

    /**
     * A URL the outbound policy forbids (saved before integrations-service checked it) is no reason to refuse the
     * job: refused, it would stay in integrations-service's outbox as a dead letter. It is stored, blocked at once,
     * and the developer reads why in the delivery log.
     */
    @Test
    void storesAJobForAForbiddenUrlAsBlockedWithTheReason() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID metadata = UUID.randomUUID();
        UUID privateNetwork = UUID.randomUUID();

        send(revoked(metadata, integration, owner, 1, "http://169.254.169.254/latest/meta-data/"),
                revoked(privateNetwork, integration, owner + 1, 1, "http://10.0.0.1/revoke")).statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> "blocked".equals(status(owner, integration, metadata)));
        delivery(owner, integration, metadata).statusCode(200)
                .body("last_error", containsString("link-local address"));
    }

    /** Jobs queued in an outbox before the rename of installed and access_revoked are still taken (ARCHITECTURE.md). */
    @Test
    void takesJobsQueuedUnderTheirFormerNames() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID code = UUID.randomUUID();
        UUID revoke = UUID.randomUUID();

        send(job(code, "installed", """
                        {"integration_id": "%s", "owner_account_id": %d, "account_id": 7, "generation": 1,
                         "url": "http://127.0.0.1:9/oauth", "referer": "buyer7"}""".formatted(integration, owner)),
                job(revoke, "access_revoked", """
                        {"integration_id": "%s", "owner_account_id": %d, "account_id": 8, "generation": 1,
                         "url": "http://127.0.0.1:9/revoke"}""".formatted(integration, owner)))
                .statusCode(200).body("processed", equalTo(2));

        delivery(owner, integration, code).statusCode(200).body("kind", equalTo("installed"));
        delivery(owner, integration, revoke).statusCode(200).body("kind", equalTo("access_revoked"));
    }

    @Test
    void refusesJobsWhileTheDatabaseIsLockedAndStoresNothing() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        String job = revoked(jobId, integration, owner, 1, "http://127.0.0.1:9/revoke");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE delivery IN ACCESS EXCLUSIVE MODE");
            }
            send(job).statusCode(503).header("Retry-After", "1").contentType("application/problem+json");
            connection.rollback();
        }
        // nothing stored: the integration is not even known
        log(owner, integration).statusCode(404);
        // nothing half-stored: the same job is new when it comes again
        send(job).statusCode(200).body("processed", equalTo(1));
    }

    @Test
    void aJobWhoseWorkerDiedIsAttemptedAgainWhenItsLeaseRunsOut() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        try (Receiver receiver = new Receiver()) {
            // a replica leases the job and dies before sending it: simulated by leasing it here and never finishing,
            // in the transaction that stores it, so that the dispatcher never sees it unleased
            List<Leased> leased = QuarkusTransaction.requiringNew().call(() -> {
                store.insert(List.of(new DeliveryRepository.NewDelivery(jobId, integration, owner, 1, 1, "access_revoked",
                        receiver.url("/revoke"), null, null, "http://lease.test:1", null)));
                return store.lease(List.of(jobId), Duration.ofSeconds(2));
            });
            assertThat(leased, hasSize(1));
            long leasedAt = System.currentTimeMillis();

            await().atMost(Duration.ofSeconds(10)).until(() -> status(owner, integration, jobId).equals("delivered"));
            assertThat(receiver.requests(jobId), hasSize(1));
            assertThat(receiver.requests(jobId).get(0).receivedAtMillis() - leasedAt >= 1500, equalTo(true));
        }
        WebhookFixtures.delivery(owner, integration, jobId).body("attempts.number", contains(2));
    }
}
