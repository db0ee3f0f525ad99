package io.marketplace.webhooks.client;

import io.marketplace.platform.concurrent.SharedCalls;
import io.marketplace.platform.concurrent.SharedCalls.Waiting;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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

    private final SharedCalls<CodeRequest, IssuedCode> codeRequests = new SharedCalls<>(CodeRequests.MAX_REQUESTS, this::issue);

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
     * <p>Deliveries being prepared at once share calls ({@link SharedCalls}): a burst costs a call per batch.
     */
    public String authorizationCode(UUID integrationId, long accountId, long generation) {
        return codeRequests.submit(new CodeRequest(integrationId, accountId, generation, null, null)).code();
    }

    private void issue(List<Waiting<CodeRequest, IssuedCode>> batch) {
        List<CodeOutcome> outcomes = neighbours.call(NEIGHBOUR, KeysInternalApi.class, CodeOutcomes.class,
                api -> api.issueCodes(new CodeRequests(batch.stream().map(Waiting::request).toList()))).results();
        if (outcomes == null || outcomes.size() != batch.size()) {
            throw new IllegalStateException("keys-service answered " + (outcomes == null ? 0 : outcomes.size())
                    + " outcomes for " + batch.size() + " code requests");
        }
        for (int i = 0; i < batch.size(); i++) {
            CodeOutcome outcome = outcomes.get(i);
            if (outcome.issued() != null) {
                batch.get(i).answer(outcome.issued());
            } else {
                Problem refused = outcome.refused();
                batch.get(i).fail(refused == null
                        ? new IllegalStateException("keys-service answered neither a code nor a refusal")
                        : new WebApplicationException(refused.detail(), refused.status()));
            }
        }
    }
}
