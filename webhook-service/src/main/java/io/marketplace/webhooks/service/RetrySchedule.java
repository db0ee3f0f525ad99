package io.marketplace.webhooks.service;

import io.marketplace.webhooks.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** When the next attempt of a delivery goes, if any: the configured schedule, jittered, pushed back by Retry-After. */
@ApplicationScoped
public class RetrySchedule {

    private final List<Duration> schedule;
    private final double jitter;
    private final Duration maxRetryAfter;

    @Inject
    public RetrySchedule(WebhookConfig config) {
        this(config.retrySchedule(), config.jitter(), config.maxRetryAfter());
    }

    public RetrySchedule(List<Duration> schedule, double jitter, Duration maxRetryAfter) {
        this.schedule = List.copyOf(schedule);
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
    }

    /** The wait before the attempt after attempt {@code roundAttempt} (1 = the first); empty after the last. */
    public Optional<Duration> after(int roundAttempt, Duration retryAfter) {
        if (roundAttempt >= schedule.size()) {
            return Optional.empty();
        }
        long planned = schedule.get(roundAttempt).toMillis();
        long jittered = Math.round(planned * (1 + jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1)));
        long asked = retryAfter == null ? 0 : Math.min(retryAfter.toMillis(), maxRetryAfter.toMillis());
        return Optional.of(Duration.ofMillis(Math.max(jittered, asked)));
    }

    public int attempts() {
        return schedule.size();
    }
}
