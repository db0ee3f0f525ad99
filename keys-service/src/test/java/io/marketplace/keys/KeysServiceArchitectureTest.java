package io.marketplace.keys;

import io.marketplace.platform.test.ServiceArchitectureTest;

class KeysServiceArchitectureTest extends ServiceArchitectureTest {

    KeysServiceArchitectureTest() {
        super("io.marketplace.keys");
    }
}
