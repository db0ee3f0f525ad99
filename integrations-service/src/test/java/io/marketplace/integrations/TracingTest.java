package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.integrations.MarketplaceFixtures.deliveredEvents;
import static io.marketplace.integrations.MarketplaceFixtures.published;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.InjectNeighbour;
import io.marketplace.platform.test.TestTokens;
import io.marketplace.platform.test.TracingOn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With tracing on, the events a request causes carry its trace to the neighbours through the outbox. */
@QuarkusTest
@TestProfile(TracingOn.class)
class TracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @InjectNeighbour
    WireMockServer neighbours;

    @Test
    void theInstallEventsCarryTheTraceOfTheInstallRequest() {
        String id = published(newAccount(), Map.of("en", Map.of("name", "Traced")), null);

        given().auth().oauth2(TestTokens.user(newAccount(), false, Roles.ADMIN)).contentType("application/json")
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .body(Map.of("language", "en"))
                .when().post("/api/v1/marketplace/integrations/" + id + "/installation").then().statusCode(201);

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveredEvents(neighbours, "code_delivery.requested", id).size() == 1
                && deliveredEvents(neighbours, "installation.enabled", id).size() == 1);
        assertThat(deliveredEvents(neighbours, "code_delivery.requested", id).get(0).get("traceparent").asText(), startsWith("00-" + TRACE_ID + "-"));
        assertThat(deliveredEvents(neighbours, "installation.enabled", id).get(0).get("traceparent").asText(), startsWith("00-" + TRACE_ID + "-"));
    }
}
