package io.marketplace.keys;

import static io.restassured.RestAssured.given;

import io.marketplace.platform.test.TestTokens;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Registers integrations the way integrations-service does: an integration.saved event in the inbox. */
final class Registrations {

    static final String REDIRECT_URI = "https://dev.example.com/oauth/callback";
    private static final AtomicLong ACCOUNTS = new AtomicLong(ProcessHandle.current().pid() % 1000 * 100_000 + 5000);

    private Registrations() {
    }

    static long newAccount() {
        return ACCOUNTS.incrementAndGet();
    }

    /** Registers a new integration owned by {@code ownerAccount} and answers its client id. */
    static UUID register(long ownerAccount) {
        UUID clientId = UUID.randomUUID();
        given().auth().oauth2(TestTokens.service("integrations-service")).contentType("application/json")
                .body("""
                        {"events": [{"event_id": "%s", "type": "integration.saved", "occurred_at": "%s",
                          "data": {"integration_id": "%s", "owner_account_id": %d, "code": "w%s",
                                   "redirect_uri": "%s", "scopes": ["crm"]}}]}"""
                        .formatted(UUID.randomUUID(), Instant.now(), clientId, ownerAccount,
                                clientId.toString().substring(0, 8), REDIRECT_URI))
                .when().post("/internal/v1/events")
                .then().statusCode(200);
        return clientId;
    }
}
