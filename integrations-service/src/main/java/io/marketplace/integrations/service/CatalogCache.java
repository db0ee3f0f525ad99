package io.marketplace.integrations.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private record Page(byte[] body, long expiresAt) {
    }

    public CatalogCache(@ConfigProperty(name = "marketplace.catalog.cache-ttl", defaultValue = "1s") Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    public byte[] get(String key, Supplier<byte[]> render) {
        if (ttlNanos == 0) {
            return render.get();
        }
        long now = System.nanoTime();
        Page page = pages.get(key);
        if (page != null && page.expiresAt() - now > 0) {
            return page.body();
        }
        if (pages.size() >= MAX_PAGES) {
            pages.clear(); // many distinct searches: start again rather than track recency
        }
        byte[] body = render.get();
        pages.put(key, new Page(body, now + ttlNanos));
        return body;
    }

    public void clear() {
        pages.clear();
    }
}
