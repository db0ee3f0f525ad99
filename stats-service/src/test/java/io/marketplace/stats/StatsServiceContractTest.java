package io.marketplace.stats;

import io.marketplace.platform.test.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class StatsServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "stats-service";
    }
}
