package io.marketplace.platform.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketplace.platform.concurrent.SharedCalls.Waiting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Requests arriving while a call is under way share the next call, and each gets its own answer or failure. */
class SharedCallsTest {

    @Test
    void requestsArrivingDuringACallShareTheNextOneAndEachGetsItsOwnAnswer() throws Exception {
        CountDownLatch firstCallStarted = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        List<List<Integer>> calls = Collections.synchronizedList(new ArrayList<>());
        SharedCalls<Integer, String> shared = new SharedCalls<>(100, batch -> {
            calls.add(batch.stream().map(Waiting::request).toList());
            if (calls.size() == 1) {
                firstCallStarted.countDown();
                await(othersQueued);
            }
            batch.forEach(waiting -> waiting.answer("answer " + waiting.request()));
        });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            Future<String> first = threads.submit(() -> shared.submit(0));
            assertTrue(firstCallStarted.await(10, TimeUnit.SECONDS));
            List<Future<String>> others = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                int request = i;
                others.add(threads.submit(() -> shared.submit(request)));
            }
            // the seven are queued behind the call under way
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (shared.waiting() < 7 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            othersQueued.countDown();

            assertEquals("answer 0", first.get(10, TimeUnit.SECONDS));
            for (int i = 1; i <= 7; i++) {
                assertEquals("answer " + i, others.get(i - 1).get(10, TimeUnit.SECONDS));
            }
            assertEquals(List.of(0), calls.get(0));
            assertEquals(2, calls.size(), "the seven waiting went together in one call: " + calls);
            assertEquals(7, calls.get(1).size());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCallThatThrowsFailsTheRequestsItLeftUnansweredAndOnlyThose() throws Exception {
        SharedCalls<Integer, String> shared = new SharedCalls<>(100, batch -> {
            batch.get(0).fail(new IllegalArgumentException("refused " + batch.get(0).request()));
            throw new IllegalStateException("neighbour down");
        });
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> shared.submit(1));
        assertEquals("refused 1", refused.getMessage());
    }

    @Test
    void aRequestTheCallForgotFailsRatherThanWaitingForever() {
        SharedCalls<Integer, String> shared = new SharedCalls<>(100, batch -> {
        });
        assertThrows(IllegalStateException.class, () -> shared.submit(1));
    }

    @Test
    void aBatchHoldsAtMostItsLimit() throws Exception {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        SharedCalls<Integer, Integer> shared = new SharedCalls<>(3, batch -> {
            await(release);
            batchSizes.add(batch.size());
            batch.forEach(waiting -> waiting.answer(waiting.request()));
        });
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int request = i;
                answers.add(threads.submit(() -> shared.submit(request)));
            }
            Thread.sleep(200);
            release.countDown();
            for (int i = 0; i < 10; i++) {
                assertEquals(i, answers.get(i).get(10, TimeUnit.SECONDS));
            }
            assertEquals(10, batchSizes.stream().mapToInt(Integer::intValue).sum());
            assertTrue(batchSizes.stream().allMatch(size -> size <= 3), "batches " + batchSizes);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
