package io.marketplace.stats;

import static io.marketplace.stats.StatsFixtures.newAccount;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketplace.platform.test.Prometheus;
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

    private static final String METRIC = "marketplace_verified_tokens_total";

    public static class RoomForOneToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marketplace.verified-token-cache.max-entries", "1");
        }
    }

    private static void readStats(String token) {
        given().auth().oauth2(token).when().get("/api/v1/integrations/{id}/stats", UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void verifiesEveryRequestOfATokenThatFindsNoRoom() {
        String first = TestTokens.technicalAdmin(newAccount());
        String second = TestTokens.technicalAdmin(newAccount());
        readStats(first);
        double hits = Prometheus.value(METRIC, "outcome", "hit");
        double verified = Prometheus.value(METRIC, "outcome", "verified");

        readStats(second);
        readStats(second);
        readStats(first);

        assertEquals(verified + 2, Prometheus.value(METRIC, "outcome", "verified"));
        assertEquals(hits + 1, Prometheus.value(METRIC, "outcome", "hit"));
    }
}
