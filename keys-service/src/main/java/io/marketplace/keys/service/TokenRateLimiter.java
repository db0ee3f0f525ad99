package io.marketplace.keys.service;

import io.marketplace.keys.config.KeysConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client on the token endpoint: {@code rate} requests per second on average, bursts up to
 * {@code burst}. Kept in memory: each replica limits on its own, which bounds abuse without a shared store.
 */
@ApplicationScoped
public class TokenRateLimiter {

    @Inject
    KeysConfig config;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    /** Takes one request from the client's bucket, or throws a 429 saying when to retry. */
    public void acquire(String clientId) {
        double rate = config.tokenRate().perSecond();
        double burst = config.tokenRate().burst();
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(clientId, id -> new Bucket(burst, now));
        long waitSeconds;
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) / 1e9 * rate);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return;
            }
            waitSeconds = (long) Math.ceil((1 - bucket.tokens) / rate);
        }
        throw new RateLimited(Math.max(1, waitSeconds));
    }

    public static final class RateLimited extends OAuthException {
        public final long retryAfterSeconds;

        RateLimited(long retryAfterSeconds) {
            super(429, "rate_limited", "Too many token requests for this client; retry after " + retryAfterSeconds + " s", false);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }
}
