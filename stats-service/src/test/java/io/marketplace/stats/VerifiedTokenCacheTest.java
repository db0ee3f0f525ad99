package io.marketplace.stats;

import static io.marketplace.stats.StatsFixtures.event;
import static io.marketplace.stats.StatsFixtures.newAccount;
import static io.marketplace.stats.StatsFixtures.send;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.marketplace.platform.test.Prometheus;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A bearer token verified once is answered from memory, and nothing else is: platform-common's VerifiedTokens. */
@QuarkusTest
class VerifiedTokenCacheTest {

    private static final String METRIC = "marketplace_verified_tokens_total";

    private static ValidatableResponse statsOf(UUID integration, String token) {
        return given().auth().oauth2(token).when().get("/api/v1/integrations/{id}/stats", integration).then();
    }

    private static UUID integrationOf(long owner) {
        UUID integration = UUID.randomUUID();
        send(event("installation.enabled", integration, owner, newAccount(), "en", Instant.now())).statusCode(200);
        return integration;
    }

    private static double hits() {
        return Prometheus.value(METRIC, "outcome", "hit");
    }

    @Test
    void answersARepeatedTokenFromMemoryWithItsOwnAccount() {
        long owner = newAccount();
        UUID integration = integrationOf(owner);
        String ownersToken = TestTokens.technicalAdmin(owner);
        String strangersToken = TestTokens.technicalAdmin(newAccount());
        statsOf(integration, ownersToken).statusCode(200);
        statsOf(integration, strangersToken).statusCode(404);

        double before = hits();
        statsOf(integration, ownersToken).statusCode(200);
        statsOf(integration, strangersToken).statusCode(404);
        assertEquals(before + 2, hits());
    }

    @Test
    void refusesARememberedTokenOnceItHasExpired() throws InterruptedException {
        long owner = newAccount();
        UUID integration = integrationOf(owner);
        String token = TestTokens.expiringIn(owner, Duration.ofSeconds(2));
        statsOf(integration, token).statusCode(200);
        statsOf(integration, token).statusCode(200);

        // exp is in whole seconds: past it for sure
        Thread.sleep(3_100);
        statsOf(integration, token).statusCode(401);
    }

    @Test
    void refusesATokenWithAnotherSignatureWhileTheGenuineOneIsRemembered() {
        long owner = newAccount();
        UUID integration = integrationOf(owner);
        String genuine = TestTokens.technicalAdmin(owner);
        statsOf(integration, genuine).statusCode(200);
        statsOf(integration, genuine).statusCode(200);

        String[] parts = genuine.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        statsOf(integration, forged).statusCode(401);
        statsOf(integration, genuine).statusCode(200);
    }

    @Test
    void refusesAnotherAccountsClaimsUnderARememberedSignature() {
        long owner = newAccount();
        UUID integration = integrationOf(owner);
        long stranger = newAccount();
        String strangersToken = TestTokens.technicalAdmin(stranger);
        statsOf(integration, strangersToken).statusCode(404);
        statsOf(integration, strangersToken).statusCode(404);

        String[] parts = strangersToken.split("\\.");
        String strangersClaims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String claims = strangersClaims.replace("\"account_id\":" + stranger, "\"account_id\":" + owner);
        assertNotEquals(strangersClaims, claims);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        statsOf(integration, forged).statusCode(401);
    }
}
