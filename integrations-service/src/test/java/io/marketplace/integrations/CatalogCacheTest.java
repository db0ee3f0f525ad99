package io.marketplace.integrations;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.marketplace.integrations.service.CatalogCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The anonymous catalog cache under concurrency: an expired page is rendered once, not by every request at once. */
class CatalogCacheTest {

    @Test
    void anExpiredPageIsRenderedByOneRequestWhileTheOthersGetThePreviousCopy() throws Exception {
        CatalogCache cache = new CatalogCache(Duration.ofMillis(1));
        AtomicInteger renders = new AtomicInteger();
        assertThat(text(cache.get("page", () -> bytes("v1", renders))), equalTo("v1"));
        Thread.sleep(5); // expired

        CountDownLatch rendering = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> refresher = CompletableFuture.supplyAsync(() -> text(cache.get("page", () -> {
            rendering.countDown();
            await(finish);
            return bytes("v2", renders);
        })));
        assertThat(rendering.await(5, TimeUnit.SECONDS), equalTo(true));
        // while v2 is being rendered, others get v1 without rendering it again
        for (int i = 0; i < 10; i++) {
            assertThat(text(cache.get("page", () -> bytes("other", renders))), equalTo("v1"));
        }
        finish.countDown();

        assertThat(refresher.get(5, TimeUnit.SECONDS), equalTo("v2"));
        assertThat(renders.get(), equalTo(2));
    }

    private static byte[] bytes(String text, AtomicInteger renders) {
        renders.incrementAndGet();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
