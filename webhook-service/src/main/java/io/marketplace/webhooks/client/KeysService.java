package io.marketplace.webhooks.client;

import io.marketplace.platform.keys.CodeRequest;
import io.marketplace.platform.keys.IssuedCode;
import io.marketplace.platform.keys.KeysInternalApi;
import io.marketplace.platform.keys.SigningSecrets;
import io.marketplace.platform.neighbours.Neighbours;
import io.marketplace.webhooks.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What deliveries need from keys-service: the secrets that sign them (kept for a short while, so a burst of
 * deliveries costs one call per integration) and a fresh authorization code for each code delivery.
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
     * delivers it. keys-service answers 410 once that installation is over.
     */
    public String authorizationCode(UUID integrationId, long accountId, long generation) {
        return neighbours.call(NEIGHBOUR, KeysInternalApi.class, IssuedCode.class,
                api -> api.issueCode(new CodeRequest(integrationId, accountId, generation, null, null))).code();
    }
}
