package io.marketplace.stats;

import static io.marketplace.stats.StatsFixtures.event;
import static io.marketplace.stats.StatsFixtures.newAccount;
import static io.marketplace.stats.StatsFixtures.send;
import static io.marketplace.stats.StatsFixtures.statsAs;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An integration's statistics exist from its creation, all zeros until the first install, and go with its deletion. */
@QuarkusTest
class KnownIntegrationsTest {

    private static String saved(UUID integration, long owner) {
        return """
                {"event_id": "%s", "type": "integration.saved", "occurred_at": "%s",
                 "data": {"integration_id": "%s", "owner_account_id": %d, "code": "fresh_widget",
                          "redirect_uri": "https://dev.example.com/cb", "scopes": ["crm"]}}"""
                .formatted(UUID.randomUUID(), Instant.now(), integration, owner);
    }

    private static String deleted(UUID integration) {
        return """
                {"event_id": "%s", "type": "integration.deleted", "occurred_at": "%s", "data": {"integration_id": "%s"}}"""
                .formatted(UUID.randomUUID(), Instant.now(), integration);
    }

    @Test
    void answersZerosForANewIntegrationToItsOwnerAlone() {
        UUID integration = UUID.randomUUID();
        long owner = newAccount();
        send(saved(integration, owner)).statusCode(200).body("processed", equalTo(1));

        statsAs(TestTokens.technicalAdmin(owner), integration)
                .statusCode(200)
                .body("widget_code", equalTo("fresh_widget"))
                .body("languages", empty())
                .body("series", hasSize(30))
                .body("series.installs", everyItem(equalTo(0)))
                .body("series.uninstalls", everyItem(equalTo(0)))
                .body("metrics.installs", equalTo(0))
                .body("metrics.active_installations", equalTo(0))
                .body("metrics.distinct_accounts", equalTo(0));
        statsAs(TestTokens.technicalAdmin(newAccount()), integration).statusCode(404);
    }

    @Test
    void countsInstallsOfAnIntegrationItLearntAtItsCreation() {
        UUID integration = UUID.randomUUID();
        long owner = newAccount();
        send(saved(integration, owner)).statusCode(200);
        send(event("installation.enabled", integration, owner, newAccount(), "en", Instant.now())).statusCode(200);

        statsAs(TestTokens.technicalAdmin(owner), integration)
                .statusCode(200)
                .body("widget_code", equalTo("crm_sync"))
                .body("languages", contains("en"))
                .body("metrics.installs", equalTo(1));
    }

    @Test
    void forgetsADeletedIntegrationWithItsCounts() {
        UUID integration = UUID.randomUUID();
        long owner = newAccount();
        send(saved(integration, owner), event("installation.enabled", integration, owner, owner, "en", Instant.now()))
                .statusCode(200);
        statsAs(TestTokens.technicalAdmin(owner), integration).statusCode(200).body("metrics.installs", equalTo(1));

        send(deleted(integration)).statusCode(200).body("processed", equalTo(1));
        statsAs(TestTokens.technicalAdmin(owner), integration).statusCode(404);

        // an id seen again (never in practice: ids are random) starts from nothing
        send(saved(integration, owner)).statusCode(200);
        statsAs(TestTokens.technicalAdmin(owner), integration).statusCode(200)
                .body("metrics.installs", equalTo(0))
                .body("languages", empty());
    }

    @Test
    void refusesASavedEventWithoutItsOwnerOrCode() {
        String withoutOwner = saved(UUID.randomUUID(), newAccount()).replaceFirst("\"owner_account_id\": [0-9]+, ", "");
        String withoutCode = saved(UUID.randomUUID(), newAccount()).replaceFirst("\"code\": \"fresh_widget\",\\s*", "");
        send(withoutOwner, withoutCode)
                .statusCode(400)
                .body("errors.field", contains("events[0].data.owner_account_id", "events[1].data.code"));
    }

    @Test
    void namesWhatAFieldOfTheWrongTypeShouldBe() {
        String notAUuid = saved(UUID.randomUUID(), newAccount()).replaceFirst("\"integration_id\": \"[^\"]+\"",
                "\"integration_id\": \"nope\"");
        String numericCode = saved(UUID.randomUUID(), newAccount()).replace("\"code\": \"fresh_widget\"", "\"code\": 7");
        send(notAUuid, numericCode)
                .statusCode(400)
                .body("errors.message", contains("events[0].data.integration_id has a value that cannot be read as a UUID",
                        "events[1].data.code must be a string"));
    }
}
