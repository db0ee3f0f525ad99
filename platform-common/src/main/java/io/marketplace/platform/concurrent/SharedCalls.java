package io.marketplace.platform.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests from several threads that share one call (a request to a neighbour, a transaction): whoever finds no call
 * under way makes it for every request waiting, up to {@code maxBatch}, and those that arrive meanwhile go together in
 * the next one. An idle service waits for nothing; a busy one makes a call per batch instead of per request.
 *
 * @param <Q> a request
 * @param <A> its answer
 */
public final class SharedCalls<Q, A> {

    /** One call for a batch: it answers or fails each request; one it throws fails every request left unanswered. */
    @FunctionalInterface
    public interface Call<Q, A> {
        void call(List<Waiting<Q, A>> batch);
    }

    /** A request waiting for its answer. */
    public static final class Waiting<Q, A> {
        private final Q request;
        private final CompletableFuture<A> answer = new CompletableFuture<>();

        private Waiting(Q request) {
            this.request = request;
        }

        public Q request() {
            return request;
        }

        public void answer(A value) {
            answer.complete(value);
        }

        public void fail(RuntimeException failure) {
            answer.completeExceptionally(failure);
        }
    }

    private final int maxBatch;
    private final Call<Q, A> call;
    private final Queue<Waiting<Q, A>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean calling = new AtomicBoolean();

    public SharedCalls(int maxBatch, Call<Q, A> call) {
        this.maxBatch = maxBatch;
        this.call = call;
    }

    /** Answers {@code request} once a call made it, or throws what failed it. */
    public A submit(Q request) {
        Waiting<Q, A> mine = new Waiting<>(request);
        waiting.add(mine);
        callWaiting();
        try {
            return mine.answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /** How many requests wait for a call (tests wait on it instead of sleeping). */
    int waiting() {
        return waiting.size();
    }

    private void callWaiting() {
        // the check after releasing the flag calls for what arrived while this thread was calling
        while (!waiting.isEmpty() && calling.compareAndSet(false, true)) {
            try {
                List<Waiting<Q, A>> batch = new ArrayList<>();
                for (Waiting<Q, A> next; batch.size() < maxBatch && (next = waiting.poll()) != null; ) {
                    batch.add(next);
                }
                if (!batch.isEmpty()) {
                    call(batch);
                }
            } finally {
                calling.set(false);
            }
        }
    }

    private void call(List<Waiting<Q, A>> batch) {
        try {
            call.call(batch);
        } catch (RuntimeException failure) {
            batch.forEach(request -> request.fail(failure));
        }
        // completing a request twice changes nothing: this fails only the ones the call forgot
        batch.forEach(request -> request.fail(new IllegalStateException("The shared call gave no answer to " + request.request)));
    }
}
