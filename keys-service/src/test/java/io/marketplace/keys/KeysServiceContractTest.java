package io.marketplace.keys;

import io.marketplace.platform.test.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class KeysServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "keys-service";
    }
}
