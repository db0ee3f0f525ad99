package io.marketplace.integrations;

import io.marketplace.platform.test.ServiceArchitectureTest;

class IntegrationsServiceArchitectureTest extends ServiceArchitectureTest {

    IntegrationsServiceArchitectureTest() {
        super("io.marketplace.integrations");
    }
}
