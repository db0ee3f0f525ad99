package io.marketplace.stats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.marketplace.platform.test.fuzz.ContractFuzzer;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every operation of both documents, swept with bad input (skip locally with -DexcludedGroups=fuzz). */
@QuarkusTest
@Tag("fuzz")
class BadInputFuzzTest {

    @Test
    void noInputBreaksAnOperation() {
        long owner = StatsFixtures.newAccount();
        UUID integration = UUID.randomUUID();
        StatsFixtures.send(StatsFixtures.event("installation.enabled", integration, owner, StatsFixtures.newAccount(),
                "en", Instant.now())).statusCode(200);
        ContractFuzzer.Report report = ContractFuzzer
                .of(owner, Map.of("id", integration.toString()), "integrations-service",
                        Set.of("outbox", "processed_event"))
                .startingFrom("POST /internal/v1/events", "{\"events\": [" + StatsFixtures.event("installation.enabled",
                        integration, owner, StatsFixtures.newAccount(), "en", Instant.now()) + "]}")
                .sweep();
        assertThat(report.brokenPromises(), empty());
        // every operation got its cases, at least the Accept, header-size and URL-length ones
        assertThat(report.requests(), greaterThanOrEqualTo(4 * report.operations()));
    }
}
