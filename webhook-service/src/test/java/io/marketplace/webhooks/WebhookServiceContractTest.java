package io.marketplace.webhooks;

import io.marketplace.platform.test.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WebhookServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "webhook-service";
    }
}
