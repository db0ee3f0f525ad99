package io.marketplace.webhooks;

import io.marketplace.platform.test.ServiceArchitectureTest;

class WebhookServiceArchitectureTest extends ServiceArchitectureTest {

    WebhookServiceArchitectureTest() {
        super("io.marketplace.webhooks");
    }
}
