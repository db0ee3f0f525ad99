package io.marketplace.keys;

import io.marketplace.platform.test.fuzz.ContractFuzzer;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every operation of both documents, swept with bad input (skip locally with -DexcludedGroups=fuzz). */
@QuarkusTest
@Tag("fuzz")
class BadInputFuzzTest {

    @Test
    void noInputBreaksAnOperation() {
        OAuthFixtures.RegisteredClient client = OAuthFixtures.client();
        ContractFuzzer.of(client.ownerAccount(), Map.of("id", client.clientId().toString()), "integrations-service",
                        Set.of("outbox", "processed_event"))
                .sweep();
    }
}
