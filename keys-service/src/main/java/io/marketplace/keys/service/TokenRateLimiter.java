package io.marketplace.keys.service;

import io.marketplace.keys.config.KeysConfig;
import io.marketplace.platform.http.TokenBuckets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;

/**
 * A token bucket per client on the token endpoint: {@code rate} requests per second on average, bursts up to
 * {@code burst}, in memory per replica.
 */
@ApplicationScoped
public class TokenRateLimiter {

    @Inject
    KeysConfig config;

    private TokenBuckets buckets;

    @PostConstruct
    void create() {
        buckets = new TokenBuckets(config.tokenRate().perSecond(), config.tokenRate().burst());
    }

    /** Takes one request from the client's bucket, or throws a 429 saying when to retry. */
    public void acquire(String clientId) {
        OptionalLong wait = buckets.take(clientId);
        if (wait.isPresent()) {
            throw new RateLimited(wait.getAsLong());
        }
    }

    public static final class RateLimited extends OAuthException {
        public final long retryAfterSeconds;

        RateLimited(long retryAfterSeconds) {
            super(429, "rate_limited", "Too many token requests for this client; retry after " + retryAfterSeconds + " s", false);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }
}
