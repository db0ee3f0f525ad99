package io.marketplace.stats;

import static io.marketplace.stats.StatsFixtures.newAccount;
import static io.marketplace.stats.StatsFixtures.statsAs;
import static io.marketplace.stats.StatsFixtures.verifiedTokens;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A tenant that limits a token's age (as integrations-service's CI tenant does) has each request verified in full. */
@QuarkusTest
@TestProfile(VerifiedTokenCacheAgeLimitTest.TokensWithAnAgeLimit.class)
class VerifiedTokenCacheAgeLimitTest {

    public static class TokensWithAnAgeLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.token.age", "1H");
        }
    }

    @Test
    void remembersNoTokenWhoseAgeIsChecked() {
        String token = TestTokens.technicalAdmin(newAccount());
        double hits = verifiedTokens("hit");
        for (int i = 0; i < 3; i++) {
            statsAs(token, UUID.randomUUID()).statusCode(404);
        }
        assertEquals(hits, verifiedTokens("hit"));
        assertEquals(0, verifiedTokens("verified"));
    }
}
