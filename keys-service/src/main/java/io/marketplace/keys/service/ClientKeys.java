package io.marketplace.keys.service;

import io.marketplace.keys.persistence.CredentialRepository;
import io.marketplace.keys.persistence.GrantRepository;
import io.marketplace.keys.persistence.GrantRepository.IssuedToken;
import io.marketplace.keys.persistence.SigningKeyRepository;
import io.marketplace.platform.domain.InstallationState;
import io.marketplace.platform.keys.CodeRequest;
import io.marketplace.platform.keys.IssuedCode;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an integration's admins make in the Keys view: publish keys for CI, long-lived testing tokens and an
 * authorization code for their own test installation. Shown once.
 */
@ApplicationScoped
public class ClientKeys {

    public static final Duration MIN_LONG_LIVED = Duration.ofDays(1);
    public static final Duration MAX_LONG_LIVED = Duration.ofDays(5 * 365 + 1);
    private static final int PREFIX_LENGTH = 8;

    @Inject
    ClientCredentials credentials;

    @Inject
    CredentialRepository registrations;

    @Inject
    GrantRepository grants;

    @Inject
    TokenSigner signer;

    @Inject
    SigningKeyRepository signingKeys;

    @Inject
    InstallationGenerations generations;

    @Inject
    TokenService tokens;

    /** A new publish key: its id is the client_id and its secret the client_secret of the client_credentials grant. */
    public record NewPublishKey(UUID id, String key, String prefix) {
    }

    public record NewLongLivedToken(UUID id, String token, String prefix, Instant expiresAt) {
    }

    /** An authorization code for the owner's own account, to try the token exchange by hand. */
    public record OwnAuthorizationCode(String code, long accountId, Instant expiresAt) {
    }

    /**
     * Offered while the owner has the integration installed in its own account; the code belongs to that installation
     * and follows the rules of any other code (a disable ends it).
     */
    @Transactional
    public OwnAuthorizationCode createOwnAuthorizationCode(UUID clientId) {
        var client = credentials.ownedClient(clientId);
        InstallationState testInstallation = generations.current(clientId, client.ownerAccountId());
        if (!testInstallation.active()) {
            throw ProblemException.conflict("Install the integration in your own account first: the authorization code is"
                    + " for that test installation");
        }
        IssuedCode issued = tokens.issueInstallationCode(new CodeRequest(clientId, client.ownerAccountId(),
                testInstallation.generation(), null, null));
        return new OwnAuthorizationCode(issued.code(), client.ownerAccountId(), issued.expiresAt());
    }

    @Transactional
    public NewPublishKey createPublishKey(UUID clientId) {
        credentials.ownedClient(clientId);
        UUID id = UUID.randomUUID();
        String key = "pk_" + Secrets.random(32);
        UUID grantId = grants.createGrant(clientId, "publish", Roles.PUBLISHER);
        grants.savePublishKey(id, clientId, grantId, Secrets.sha256(key), key.substring(0, PREFIX_LENGTH));
        return new NewPublishKey(id, key, key.substring(0, PREFIX_LENGTH));
    }

    @Transactional
    public void revokePublishKey(UUID clientId, UUID keyId) {
        credentials.ownedClient(clientId);
        GrantRepository.PublishKey key = grants.publishKey(keyId).filter(k -> k.clientId().equals(clientId))
                .orElseThrow(() -> ProblemException.notFound("No publish key " + keyId));
        grants.revokePublishKey(keyId);
        grants.revokeGrant(key.grantId());
    }

    /**
     * The technical account's own token for this integration, expiring between 1 day and 5 years from now. It belongs
     * to the owner's current installation generation: disabling the integration in its own account revokes it.
     */
    @Transactional
    public NewLongLivedToken createLongLivedToken(UUID clientId, Instant expiresAt) {
        var client = credentials.ownedClient(clientId);
        Instant now = Instant.now();
        if (expiresAt == null || expiresAt.isBefore(now.plus(MIN_LONG_LIVED).minusSeconds(60))
                || expiresAt.isAfter(now.plus(MAX_LONG_LIVED))) {
            throw ProblemException.invalid("expires_at", "out_of_range", "expires_at must be between 1 day and 5 years from now");
        }
        String scope = registrations.scopes(clientId);
        long generation = generations.current(clientId, client.ownerAccountId()).generation();
        UUID grantId = grants.createGrant(clientId, client.ownerAccountId(), generation, "long_lived", scope);
        TokenSigner.Signed signed = signer.sign(new TokenSigner.AccessToken(Long.toString(client.ownerAccountId()), clientId,
                client.ownerAccountId(), scope, grantId, now, expiresAt));
        // the signing key must stay published for as long as this token lives
        signingKeys.keepUntil(signed.kid(), expiresAt);
        UUID id = UUID.randomUUID();
        String prefix = signed.token().substring(signed.token().length() - PREFIX_LENGTH);
        grants.saveLongLivedToken(id, clientId, grantId, Secrets.sha256(signed.token()), prefix, expiresAt);
        return new NewLongLivedToken(id, signed.token(), prefix, expiresAt);
    }

    /** Idempotent, as a publish key's revocation: a token already revoked or expired answers as the first revocation did. */
    @Transactional
    public void revokeLongLivedToken(UUID clientId, UUID tokenId) {
        credentials.ownedClient(clientId);
        UUID grantId = grants.longLivedTokenGrant(clientId, tokenId)
                .orElseThrow(() -> ProblemException.notFound("No long-lived token " + tokenId));
        grants.revokeGrant(grantId);
    }

    /** A token or key shown by its first characters only: the whole value is shown once, when it is made. */
    public record TokenSummary(UUID id, String prefix, Instant createdAt,
            @Schema(nullable = true, description = "Null for a key that does not expire") Instant expiresAt) {
        static TokenSummary of(IssuedToken token) {
            return new TokenSummary(token.id(), token.prefix(), token.createdAt(), token.expiresAt());
        }
    }

    public List<TokenSummary> publishKeys(UUID clientId) {
        return grants.publishKeys(clientId).stream().map(TokenSummary::of).toList();
    }

    public List<TokenSummary> longLivedTokens(UUID clientId) {
        return grants.longLivedTokens(clientId).stream().map(TokenSummary::of).toList();
    }
}
