package io.marketplace.webhooks;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketplace.platform.test.InjectNeighbour;
import org.junit.jupiter.api.BeforeEach;

/** Tests that start each case with keys-service and integrations-service healthy (one WireMock stands for both). */
abstract class WithHealthyNeighbours {

    @InjectNeighbour
    WireMockServer keys;

    @BeforeEach
    void neighboursAreHealthy() {
        WebhookFixtures.healthyKeys(keys);
    }
}
