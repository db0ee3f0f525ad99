package io.marketplace.platform.outbox;

import java.time.Duration;

/**
 * How long the relay waits before trying a neighbour that answered with an error again: {@code initial}, doubled after
 * each failed attempt, never more than {@code max}.
 */
record Backoff(Duration initial, Duration max) {

    /** The wait after a failure of an event that had already failed {@code failedBefore} times. */
    Duration after(int failedBefore) {
        long doubled = initial.toMillis() << Math.min(Math.max(failedBefore, 0), 30);
        return Duration.ofMillis(Math.min(doubled, max.toMillis()));
    }
}
