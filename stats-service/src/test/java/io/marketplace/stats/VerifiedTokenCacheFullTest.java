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

/** A memory of verified tokens that is full turns nobody away: what does not fit is verified at every request. */
@QuarkusTest
@TestProfile(VerifiedTokenCacheFullTest.RoomForOneToken.class)
class VerifiedTokenCacheFullTest {

    public static class RoomForOneToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marketplace.verified-token-cache.max-entries", "1");
        }
    }

    @Test
    void verifiesEveryRequestOfATokenThatFindsNoRoom() {
        String first = TestTokens.technicalAdmin(newAccount());
        String second = TestTokens.technicalAdmin(newAccount());
        statsAs(first, UUID.randomUUID()).statusCode(404);
        double hits = verifiedTokens("hit");
        double verified = verifiedTokens("verified");

        statsAs(second, UUID.randomUUID()).statusCode(404);
        statsAs(second, UUID.randomUUID()).statusCode(404);
        statsAs(first, UUID.randomUUID()).statusCode(404);

        assertEquals(verified + 2, verifiedTokens("verified"));
        assertEquals(hits + 1, verifiedTokens("hit"));
    }
}
