package io.marketplace.platform.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Requests sent at the same moment, as a double click, two pipelines or two replicas send them. */
public final class AtOnce {

    private AtOnce() {
    }

    /**
     * Runs {@code count} requests (given their index) from as many threads, released together; answers their results
     * in index order. A request that throws fails the test.
     */
    public static <T> List<T> send(int count, IntFunction<T> request) {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                answers.add(threads.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get(30, TimeUnit.SECONDS));
            }
            return results;
        } catch (Exception e) {
            throw new AssertionError("A request sent at once with others failed", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
