package io.marketplace.keys.service;

import io.marketplace.keys.config.KeysConfig;
import io.marketplace.keys.persistence.CredentialRepository;
import io.marketplace.keys.persistence.CredentialRepository.Client;
import io.marketplace.platform.keys.SigningSecrets;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The secret key and webhook secrets of each integration: created with its registration, shown to its admins, rotated. */
@ApplicationScoped
public class ClientCredentials {

    public static final String WEBHOOK_SECRET_PREFIX = "whsec_";

    @Inject
    CredentialRepository credentials;

    @Inject
    SecretCipher cipher;

    @Inject
    KeysConfig config;

    @Inject
    Caller caller;

    public record WebhookSecretView(String secret, Instant createdAt,
            @Schema(nullable = true,
                    description = "When a rotated-out secret stops signing; null for the current one") Instant expiresAt) {
    }

    /** Gives a newly registered client its secret key and webhook secret (once). */
    public void ensureFor(UUID clientId) {
        if (!credentials.hasSecret(clientId)) {
            credentials.saveSecret(clientId, cipher.encrypt(newSecretKey()));
            credentials.addWebhookSecret(clientId, cipher.encrypt(newWebhookSecret()), Instant.now());
        }
    }

    /** The client if the caller is an admin of its owning technical account; otherwise as good as absent. */
    public Client ownedClient(UUID clientId) {
        caller.requireTechnicalAccount();
        return credentials.client(clientId)
                .filter(client -> client.ownerAccountId() == caller.accountId())
                .orElseThrow(() -> ProblemException.notFound("No integration " + clientId + " in this account"));
    }

    public String secretKey(Client client) {
        return cipher.decrypt(client.secretEnc());
    }

    public List<WebhookSecretView> webhookSecrets(UUID clientId) {
        return credentials.liveWebhookSecrets(clientId).stream()
                .map(s -> new WebhookSecretView(cipher.decrypt(s.secretEnc()), s.createdAt(), s.expiresAt()))
                .toList();
    }

    /** What webhook-service signs with; 404 for a client that is not (or no longer) registered. */
    public SigningSecrets signingSecrets(UUID clientId) {
        Client client = credentials.client(clientId).filter(c -> c.secretEnc() != null)
                .orElseThrow(() -> ProblemException.notFound("No integration " + clientId));
        return new SigningSecrets(clientId, secretKey(client),
                webhookSecrets(clientId).stream().map(WebhookSecretView::secret).toList());
    }

    /** Whether {@code presented} is the client's secret key. */
    public boolean authenticates(UUID clientId, String presented) {
        return authenticated(clientId, presented).isPresent();
    }

    /** The client, if {@code presented} is its secret key. */
    public Optional<Client> authenticated(UUID clientId, String presented) {
        return credentials.client(clientId)
                .filter(client -> client.secretEnc() != null && Secrets.same(cipher.decrypt(client.secretEnc()), presented));
    }

    @Transactional
    public void rotateSecretKey(UUID clientId) {
        ownedClient(clientId);
        credentials.saveSecret(clientId, cipher.encrypt(newSecretKey()));
    }

    /**
     * A new webhook secret; the previous one keeps signing beside it for the configured overlap (24 h), and any older
     * one still in its overlap stops.
     */
    @Transactional
    public void rotateWebhookSecret(UUID clientId) {
        ownedClient(clientId);
        credentials.addWebhookSecret(clientId, cipher.encrypt(newWebhookSecret()),
                Instant.now().plus(config.webhookSecretOverlap()));
    }

    private static String newSecretKey() {
        return Secrets.random(48);
    }

    private static String newWebhookSecret() {
        return WEBHOOK_SECRET_PREFIX + Secrets.randomBase64(32);
    }
}
