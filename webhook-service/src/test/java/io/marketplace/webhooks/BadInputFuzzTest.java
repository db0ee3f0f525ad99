package io.marketplace.webhooks;

import static io.marketplace.webhooks.WebhookFixtures.revoked;
import static io.marketplace.webhooks.WebhookFixtures.send;
import static io.marketplace.webhooks.WebhookFixtures.status;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.marketplace.platform.test.fuzz.ContractFuzzer;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every operation of both documents, swept with bad input (skip locally with -DexcludedGroups=fuzz). */
@QuarkusTest
@Tag("fuzz")
class BadInputFuzzTest extends WithHealthyNeighbours {

    @Test
    void noInputBreaksAnOperation() {
        long owner = WebhookFixtures.newAccount();
        UUID integration = UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        // a URL outside the test allow-list: the delivery is blocked at once and never fetched
        send(revoked(delivery, integration, owner, 1, "https://dev.example.com/revoke")).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, delivery).equals("blocked"));
        ContractFuzzer.Report report = ContractFuzzer
                .of(owner, Map.of("id", integration.toString(), "deliveryId", delivery.toString()),
                        "integrations-service", Set.of("outbox", "processed_event"))
                .startingFrom("POST /internal/v1/events", "{\"events\": [" + revoked(UUID.randomUUID(), integration,
                        owner, 2, "https://dev.example.com/revoke") + "]}")
                .sweep();
        assertThat(report.brokenPromises(), empty());
        // every operation got its cases, at least the Accept, header-size and URL-length ones
        assertThat(report.requests(), greaterThanOrEqualTo(4 * report.operations()));
    }
}
