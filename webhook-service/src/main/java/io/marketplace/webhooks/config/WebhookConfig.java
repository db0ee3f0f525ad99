package io.marketplace.webhooks.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "marketplace.webhooks")
public interface WebhookConfig {

    /**
     * When each attempt starts, counted from the previous one (the first from acceptance): Standard Webhooks'
     * schedule. After the last, the delivery is {@code failed} and kept.
     */
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** Each retry delay is moved by up to this fraction either way, so retries of many jobs do not arrive together. */
    @WithDefault("0.1")
    double jitter();

    /** A receiver must answer within this (connection, request and response together). */
    @WithDefault("10s")
    Duration timeout();

    /** A leased job not finished by then is due again: its worker died. Longer than {@link #timeout()}. */
    @WithDefault("30s")
    Duration lease();

    /** Requests in flight to one endpoint (scheme, host, port) from one replica. */
    @WithDefault("8")
    int perEndpointConcurrency();

    /** Requests in flight from one replica. */
    @WithDefault("256")
    int maxInFlight();

    /** How often due jobs are looked for besides the wake-up at acceptance (retries, other replicas' jobs). */
    @WithDefault("500ms")
    Duration pollInterval();

    /** The most {@code Retry-After} can push an attempt back. */
    @WithDefault("24h")
    Duration maxRetryAfter();

    /** How long a delivery waits when it could not be attempted at all (keys-service unreachable); not counted. */
    @WithDefault("30s")
    Duration notAttemptedDelay();

    /** How long keys-service's signing secrets are reused before being asked again. */
    @WithDefault("30s")
    Duration secretsCacheTtl();

    /** Whether the dispatcher runs in this replica (off: jobs are accepted and stored only). */
    @WithDefault("true")
    boolean dispatcherEnabled();

    RedirectChecks redirectChecks();

    interface RedirectChecks {
        /** How often every published integration's redirect URL is checked ({@code off}: never). */
        @WithDefault("1h")
        String interval();
    }
}
