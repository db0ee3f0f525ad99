package io.marketplace.stats;

import io.marketplace.platform.test.ServiceArchitectureTest;

class StatsServiceArchitectureTest extends ServiceArchitectureTest {

    StatsServiceArchitectureTest() {
        super("io.marketplace.stats");
    }
}
