package io.marketplace.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The relay's wait after a neighbour's error: doubling from the initial backoff up to the maximum. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10));

    @Test
    void doublesAfterEachFailure() {
        assertEquals(Duration.ofSeconds(1), backoff.after(0));
        assertEquals(Duration.ofSeconds(2), backoff.after(1));
        assertEquals(Duration.ofSeconds(512), backoff.after(9));
    }

    @Test
    void neverWaitsLongerThanTheMaximumHoweverOftenItFailed() {
        assertEquals(Duration.ofMinutes(10), backoff.after(10));
        assertEquals(Duration.ofMinutes(10), backoff.after(31));
        assertEquals(Duration.ofMinutes(10), backoff.after(Integer.MAX_VALUE));
    }
}
