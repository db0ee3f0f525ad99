package io.marketplace.stats;

import static io.restassured.RestAssured.given;

import io.marketplace.platform.test.Prometheus;
import io.marketplace.platform.test.TestTokens;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Install events sent the way integrations-service sends them: batches in the inbox. */
final class StatsFixtures {

    private static final AtomicLong ACCOUNTS = new AtomicLong(ProcessHandle.current().pid() % 1000 * 100_000 + 7000);

    private StatsFixtures() {
    }

    static long newAccount() {
        return ACCOUNTS.incrementAndGet();
    }

    static String event(String type, UUID integration, long owner, long account, String language, Instant at) {
        return """
                {"event_id": "%s", "type": "%s", "occurred_at": "%s",
                 "data": {"integration_id": "%s", "widget_code": "crm_sync", "owner_account_id": %d,
                          "account_id": %d, "language": "%s"}}"""
                .formatted(UUID.randomUUID(), type, at, integration, owner, account, language);
    }

    static ValidatableResponse send(List<String> events) {
        return given().auth().oauth2(TestTokens.service("integrations-service")).contentType("application/json")
                .body("{\"events\": [" + String.join(",", events) + "]}")
                .when().post("/internal/v1/events").then();
    }

    static ValidatableResponse send(String... events) {
        return send(new ArrayList<>(List.of(events)));
    }

    /** An integration's statistics as the bearer of {@code token} asks for them. */
    static ValidatableResponse statsAs(String token, UUID integration) {
        return given().auth().oauth2(token).when().get("/api/v1/integrations/{id}/stats", integration).then();
    }

    /** {@code marketplace_verified_tokens_total} of one outcome: {@code hit} (answered from memory) or {@code verified}. */
    static double verifiedTokens(String outcome) {
        return Prometheus.value("marketplace_verified_tokens_total", "outcome", outcome);
    }
}
