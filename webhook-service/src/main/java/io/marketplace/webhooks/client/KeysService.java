package io.marketplace.webhooks.client;

import io.marketplace.platform.keys.CodeOutcome;
import io.marketplace.platform.keys.CodeOutcomes;
import io.marketplace.platform.keys.CodeRequest;
import io.marketplace.platform.keys.CodeRequests;
import io.marketplace.platform.keys.IssuedCode;
import io.marketplace.platform.keys.KeysInternalApi;
import io.marketplace.platform.keys.SigningSecrets;
import io.marketplace.platform.neighbours.Neighbours;
import io.marketplace.platform.problem.Problem;
import io.marketplace.webhooks.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What deliveries need from keys-service: the secrets that sign them (kept for a short while, so a burst of
 * deliveries costs one call per integration) and a fresh authorization code for each code delivery (asked for in
 * batches, so a burst of code deliveries costs a call per batch).
 */
@ApplicationScoped
public class KeysService {

    public static final String NEIGHBOUR = "keys-service";

    @Inject
    Neighbours neighbours;

    @Inject
    WebhookConfig config;

    private final Map<UUID, Cached> secrets = new ConcurrentHashMap<>();

    private record Cached(SigningSecrets secrets, Instant fetchedAt) {
    }

    /** Code requests not sent yet, and whether a caller is sending some now. */
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    private record Waiting(CodeRequest request, CompletableFuture<IssuedCode> answer) {
    }

    public SigningSecrets signingSecrets(UUID integrationId) {
        Cached cached = secrets.get(integrationId);
        if (cached != null && cached.fetchedAt().plus(config.secretsCacheTtl()).isAfter(Instant.now())) {
            return cached.secrets();
        }
        SigningSecrets fresh = neighbours.call(NEIGHBOUR, KeysInternalApi.class, SigningSecrets.class,
                api -> api.signingSecrets(integrationId));
        secrets.put(integrationId, new Cached(fresh, Instant.now()));
        return fresh;
    }

    /**
     * A code for installation {@code generation}, issued now, so that it is live (20 minutes) however late a retry
     * delivers it. keys-service answers 410 once that installation is over; that refusal is thrown as a
     * {@link WebApplicationException} of its status, as a failure of the whole request is.
     *
     * <p>Deliveries ask at the same time, so their requests share calls: whoever finds no call in flight sends every
     * request waiting (up to a batch's limit), and those that arrive meanwhile go together in the next call. An idle
     * service waits for nothing; a busy one makes a call per batch instead of per code.
     */
    public String authorizationCode(UUID integrationId, long accountId, long generation) {
        Waiting mine = new Waiting(new CodeRequest(integrationId, accountId, generation, null, null), new CompletableFuture<>());
        waiting.add(mine);
        sendWaiting();
        try {
            return mine.answer().join().code();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private void sendWaiting() {
        // the check after releasing the flag sends what arrived while this caller was sending
        while (!waiting.isEmpty() && sending.compareAndSet(false, true)) {
            try {
                List<Waiting> batch = new ArrayList<>();
                for (Waiting next; batch.size() < CodeRequests.MAX_REQUESTS && (next = waiting.poll()) != null; ) {
                    batch.add(next);
                }
                if (!batch.isEmpty()) {
                    send(batch);
                }
            } finally {
                sending.set(false);
            }
        }
    }

    private void send(List<Waiting> batch) {
        List<CodeOutcome> outcomes;
        try {
            outcomes = neighbours.call(NEIGHBOUR, KeysInternalApi.class, CodeOutcomes.class,
                    api -> api.issueCodes(new CodeRequests(batch.stream().map(Waiting::request).toList()))).results();
            if (outcomes == null || outcomes.size() != batch.size()) {
                throw new IllegalStateException("keys-service answered " + (outcomes == null ? 0 : outcomes.size())
                        + " outcomes for " + batch.size() + " code requests");
            }
        } catch (RuntimeException failure) {
            batch.forEach(waiting -> waiting.answer().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            CodeOutcome outcome = outcomes.get(i);
            if (outcome.issued() != null) {
                batch.get(i).answer().complete(outcome.issued());
            } else {
                Problem refused = outcome.refused();
                batch.get(i).answer().completeExceptionally(refused == null
                        ? new IllegalStateException("keys-service answered neither a code nor a refusal")
                        : new WebApplicationException(refused.detail(), refused.status()));
            }
        }
    }
}
