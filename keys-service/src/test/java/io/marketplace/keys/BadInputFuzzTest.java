package io.marketplace.keys;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.marketplace.platform.test.fuzz.ContractFuzzer;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every operation of both documents, swept with bad input (skip locally with -DexcludedGroups=fuzz). */
@QuarkusTest
@Tag("fuzz")
class BadInputFuzzTest {

    @Test
    void noInputBreaksAnOperation() {
        OAuthFixtures.RegisteredClient client = OAuthFixtures.client();
        ContractFuzzer.Report report = ContractFuzzer
                .of(client.ownerAccount(), Map.of("id", client.clientId().toString()), "integrations-service",
                        Set.of("outbox", "processed_event"))
                .startingFrom("POST /internal/v1/events", """
                        {"events": [{"event_id": "%s", "type": "integration.saved", "occurred_at": "%s",
                          "data": {"integration_id": "%s", "owner_account_id": %d, "code": "fuzzed_widget",
                                   "redirect_uri": "https://dev.example.com/oauth", "scopes": ["crm"]}}]}"""
                        .formatted(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), client.ownerAccount()))
                .sweep();
        assertThat(report.brokenPromises(), empty());
        // every operation got its cases, at least the Accept, header-size and URL-length ones
        assertThat(report.requests(), greaterThanOrEqualTo(4 * report.operations()));
    }
}
