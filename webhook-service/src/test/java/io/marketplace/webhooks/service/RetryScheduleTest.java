package io.marketplace.webhooks.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The wait between delivery attempts on its own: the schedule, its jitter, and a receiver's Retry-After. */
class RetryScheduleTest {

    private static final List<Duration> SCHEDULE = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30));

    @Test
    void followsTheScheduleAndEndsAfterItsLastAttempt() {
        RetrySchedule exact = new RetrySchedule(SCHEDULE, 0, Duration.ofHours(24));
        assertEquals(4, exact.attempts());
        assertEquals(Optional.of(Duration.ofSeconds(5)), exact.after(1, null));
        assertEquals(Optional.of(Duration.ofMinutes(5)), exact.after(2, null));
        assertEquals(Optional.of(Duration.ofMinutes(30)), exact.after(3, null));
        assertEquals(Optional.empty(), exact.after(4, null));
    }

    @RepeatedTest(20)
    void movesEachWaitByAtMostTheJitter() {
        long wait = new RetrySchedule(SCHEDULE, 0.1, Duration.ofHours(24)).after(2, null).orElseThrow().toMillis();
        assertTrue(wait >= 270_000 && wait <= 330_000, wait + " ms is more than 10 % away from 5 min");
    }

    @Test
    void waitsLongerWhenTheReceiverAsksButNotBeyondTheCap() {
        RetrySchedule exact = new RetrySchedule(SCHEDULE, 0, Duration.ofHours(1));
        assertEquals(Optional.of(Duration.ofMinutes(20)), exact.after(1, Duration.ofMinutes(20)));
        assertEquals(Optional.of(Duration.ofHours(1)), exact.after(1, Duration.ofDays(3)));
        assertEquals(Optional.of(Duration.ofMinutes(5)), exact.after(2, Duration.ofSeconds(1)));
    }
}
