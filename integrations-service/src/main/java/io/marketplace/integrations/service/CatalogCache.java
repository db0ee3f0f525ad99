package io.marketplace.integrations.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Catalog pages as everyone but a technical account sees them, kept serialised for a moment (1 s by default, per
 * replica): the busiest public read answers from memory, and a publication is visible everywhere within that moment
 * (at once in the replica that published it, which clears its copy).
 */
@ApplicationScoped
public class CatalogCache {

    private static final int MAX_PAGES = 10_000;

    private final long ttlNanos;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    /** A rendered page; {@code refreshing} is set while one request renders its successor. */
    private record Page(byte[] body, long expiresAt, AtomicBoolean refreshing) {
    }

    public CatalogCache(@ConfigProperty(name = "marketplace.catalog.cache-ttl", defaultValue = "1s") Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * The cached page, or a fresh rendering. When a page expires, one request renders the next one while the others
     * keep answering the expired copy for those few milliseconds: otherwise every request arriving in that moment
     * renders the same page at once, and the latency spikes each second.
     */
    public byte[] get(String key, Supplier<byte[]> render) {
        if (ttlNanos == 0) {
            return render.get();
        }
        long now = System.nanoTime();
        Page page = pages.get(key);
        if (page != null && (page.expiresAt() - now > 0 || !page.refreshing().compareAndSet(false, true))) {
            return page.body();
        }
        try {
            byte[] body = render.get();
            if (pages.size() >= MAX_PAGES) {
                pages.clear(); // many distinct searches: start again rather than track recency
            }
            pages.put(key, new Page(body, System.nanoTime() + ttlNanos, new AtomicBoolean()));
            return body;
        } catch (RuntimeException e) {
            if (page != null) {
                page.refreshing().set(false); // let the next request try again
            }
            throw e;
        }
    }

    public void clear() {
        pages.clear();
    }
}
