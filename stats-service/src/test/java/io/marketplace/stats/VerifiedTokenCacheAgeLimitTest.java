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

/** A tenant that limits a token's age (as integrations-service's CI tenant does) has each request verified in full. */
@QuarkusTest
@TestProfile(VerifiedTokenCacheAgeLimitTest.TokensWithAnAgeLimit.class)
class VerifiedTokenCacheAgeLimitTest {

    private static final String METRIC = "marketplace_verified_tokens_total";

    public static class TokensWithAnAgeLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.token.age", "1H");
        }
    }

    @Test
    void remembersNoTokenWhoseAgeIsChecked() {
        String token = TestTokens.technicalAdmin(newAccount());
        double hits = Prometheus.value(METRIC, "outcome", "hit");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).when().get("/api/v1/integrations/{id}/stats", UUID.randomUUID())
                    .then().statusCode(404);
        }
        assertEquals(hits, Prometheus.value(METRIC, "outcome", "hit"));
        assertEquals(0, Prometheus.value(METRIC, "outcome", "verified"));
    }
}
