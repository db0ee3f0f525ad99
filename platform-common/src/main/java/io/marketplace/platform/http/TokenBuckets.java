package io.marketplace.platform.http;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key: {@code perSecond} requests on average, bursts up to {@code burst}. Kept in memory, so each
 * replica limits on its own, which bounds abuse without a shared store.
 */
public final class TokenBuckets {

    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    public TokenBuckets(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes one request from {@code key}'s bucket: empty when allowed, else the seconds to wait before retrying. */
    public OptionalLong take(String key) {
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(key, id -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) / 1e9 * perSecond);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond)));
        }
    }
}
