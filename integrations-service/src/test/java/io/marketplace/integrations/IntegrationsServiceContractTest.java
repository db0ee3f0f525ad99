package io.marketplace.integrations;

import io.marketplace.platform.test.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class IntegrationsServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "integrations-service";
    }
}
