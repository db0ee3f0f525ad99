package io.marketplace.keys.service;

import io.marketplace.keys.config.KeysConfig;
import io.marketplace.keys.persistence.CredentialRepository;
import io.marketplace.keys.persistence.CredentialRepository.Client;
import io.marketplace.keys.persistence.GrantRepository;
import io.marketplace.keys.persistence.GrantRepository.Code;
import io.marketplace.keys.persistence.GrantRepository.NewCode;
import io.marketplace.keys.persistence.GrantRepository.PublishKey;
import io.marketplace.keys.persistence.GrantRepository.RefreshToken;
import io.marketplace.keys.persistence.GrantRepository.Rotated;
import io.marketplace.keys.service.TokenSigner.AccessToken;
import io.marketplace.platform.domain.InstallationState;
import io.marketplace.platform.keys.CodeOutcome;
import io.marketplace.platform.keys.CodeRequest;
import io.marketplace.platform.keys.IssuedCode;
import io.marketplace.platform.persistence.InstallationStateRepository.Pair;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.security.Roles;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.TransactionExceptionResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The token endpoint's grants: authorization_code (with PKCE), refresh_token (rotating) and client_credentials (publish keys). */
@ApplicationScoped
public class TokenService {

    private static final Pattern PKCE_VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
    private static final String REFRESH_PREFIX = "rt_";

    @Inject
    GrantRepository grants;

    @Inject
    MeterRegistry registry;

    @Inject
    CredentialRepository credentials;

    @Inject
    ClientCredentials clientCredentials;

    @Inject
    TokenSigner signer;

    @Inject
    KeysConfig config;

    @Inject
    TokenRateLimiter rateLimiter;

    @Inject
    InstallationGenerations generations;

    /** The answer of the token endpoint (Kommo's shape: server_time is the server's Unix time; no refresh token for CI). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"token_type", "expires_in", "access_token", "server_time"},
            description = "refresh_token is left out for the client_credentials grant")
    public record TokenAnswer(String tokenType, long expiresIn, String accessToken, String refreshToken, long serverTime) {
    }

    /** The client as it authenticated: by the body's client_id/client_secret or by HTTP Basic, never both. */
    public record ClientAuthentication(String clientId, String secret, boolean basic) {
    }

    /**
     * A refresh runs without a transaction: its only write is one statement, atomic and durable on its own. Without
     * the transaction manager and Hibernate around its two statements, a refresh costs a quarter less CPU (README,
     * "Refresh tokens"). The other grants read, lock and write in one transaction.
     */
    public TokenAnswer token(Map<String, String> params, ClientAuthentication client) {
        String grantType = params.get("grant_type");
        if (grantType == null || grantType.isBlank()) {
            throw OAuthException.invalidRequest("grant_type is required");
        }
        if (client.clientId() == null || client.secret() == null) {
            throw new OAuthException(401, "invalid_client", "client_id and client_secret are required", client.basic());
        }
        rateLimiter.acquire(client.clientId());
        TokenAnswer answer = switch (grantType) {
            case "authorization_code" -> inTransaction(() -> authorizationCode(authenticatedIntegration(client), params));
            case "refresh_token" -> refresh(authenticatedIntegration(client), params);
            case "client_credentials" -> inTransaction(() -> publish(client));
            default -> throw new OAuthException(400, "unsupported_grant_type", "grant_type " + grantType + " is not supported", false);
        };
        registry.counter("marketplace.oauth.grants", "grant_type", grantType).increment();
        return answer;
    }

    /**
     * Issues an authorization code for installation {@code generation} of (integration, account), shown once; 404 for
     * an integration keys-service does not know, 410 when that installation is already over.
     */
    @Transactional
    public IssuedCode issueInstallationCode(CodeRequest request) {
        CodeOutcome outcome = issueInstallationCodes(List.of(request)).get(0);
        if (outcome.refused() != null) {
            throw new ProblemException(outcome.refused());
        }
        return outcome.issued();
    }

    /**
     * Issues a code for each request as {@link #issueInstallationCode} would, in one transaction: each request's
     * outcome, in order, is its code or the problem that refused it, and a refused one leaves nothing behind.
     */
    @Transactional
    public List<CodeOutcome> issueInstallationCodes(List<CodeRequest> requests) {
        Set<UUID> registered = requests.stream().map(CodeRequest::clientId).distinct()
                .filter(clientId -> credentials.client(clientId).isPresent())
                .collect(Collectors.toSet());
        Map<Pair, InstallationState> installations = generations.admitCodes(requests.stream()
                .filter(request -> registered.contains(request.clientId()))
                .map(request -> Map.entry(new Pair(request.clientId(), request.accountId()), request.generation()))
                .toList());
        Instant expiresAt = Instant.now().plus(config.codeLifetime());
        List<NewCode> stored = new ArrayList<>();
        List<CodeOutcome> outcomes = new ArrayList<>();
        for (CodeRequest request : requests) {
            if (!registered.contains(request.clientId())) {
                outcomes.add(CodeOutcome.refused(ProblemException.notFound("No registered integration " + request.clientId())
                        .problem()));
            } else if (!installations.get(new Pair(request.clientId(), request.accountId())).admits(request.generation())) {
                outcomes.add(CodeOutcome.refused(ProblemException.gone("Installation " + request.generation()
                        + " of integration " + request.clientId() + " in account " + request.accountId()
                        + " is over (disabled, or installed again since): no code is issued for it").problem()));
            } else {
                String code = Secrets.random(32);
                stored.add(new NewCode(Secrets.sha256(code), request.clientId(), request.accountId(), request.generation(),
                        request.codeChallenge()));
                outcomes.add(CodeOutcome.issued(new IssuedCode(code, (int) config.codeLifetime().toSeconds(), expiresAt)));
            }
        }
        grants.saveCodes(stored, expiresAt);
        registry.counter("marketplace.oauth.codes.issued").increment(stored.size());
        return outcomes;
    }

    private Client authenticatedIntegration(ClientAuthentication client) {
        UUID clientId = uuid(client.clientId());
        return (clientId == null ? Optional.<Client>empty() : clientCredentials.authenticated(clientId, client.secret()))
                .orElseThrow(() -> new OAuthException(401, "invalid_client", "Unknown client or wrong client_secret",
                        client.basic()));
    }

    private TokenAnswer authorizationCode(Client client, Map<String, String> params) {
        String code = required(params, "code");
        String redirectUri = required(params, "redirect_uri");
        Code stored = grants.lockCode(Secrets.sha256(code))
                .filter(c -> c.clientId().equals(client.clientId()))
                .orElseThrow(() -> OAuthException.invalidGrant("The code is not valid for this client"));
        if (stored.usedAt() != null) {
            // a replayed code: whoever holds it must not keep what the first exchange gave
            if (stored.grantId() != null) {
                grants.revokeGrant(stored.grantId());
            }
            throw OAuthException.invalidGrant("The code was already used; the tokens issued from it are revoked");
        }
        if (stored.expiresAt().isBefore(Instant.now())) {
            throw OAuthException.invalidGrant("The code has expired");
        }
        if (!redirectUri.equals(client.redirectUri())) {
            throw OAuthException.invalidGrant("redirect_uri does not match the integration's registered one");
        }
        checkPkce(stored, params.get("code_verifier"));
        if (!generations.admitsExchange(client.clientId(), stored.accountId(), stored.generation())) {
            throw OAuthException.invalidGrant("The account disabled the integration after this code was issued");
        }
        UUID grantId = grants.createGrant(client.clientId(), stored.accountId(), stored.generation(), "authorization_code",
                client.scope());
        grants.markCodeUsed(stored.hash(), grantId);
        return issue(grantId, client.clientId(), stored.accountId(), client.scope());
    }

    private TokenAnswer refresh(Client client, Map<String, String> params) {
        String tokenHash = Secrets.sha256(required(params, "refresh_token"));
        String successor = newRefreshToken();
        Instant now = Instant.now();
        Rotated rotated = grants.rotateRefreshToken(tokenHash, client.clientId(), Secrets.sha256(successor),
                        now.plus(config.refreshTokenLifetime()))
                .orElseThrow(() -> inTransaction(() -> refreshRefused(client, tokenHash)));
        return answer(rotated.grantId(), client.clientId(), rotated.accountId(), rotated.scope(), successor, now);
    }

    /** Why a refresh token did not rotate; a token used before revokes its whole grant. */
    private OAuthException refreshRefused(Client client, String tokenHash) {
        RefreshToken stored = grants.lockRefreshToken(tokenHash)
                .filter(refresh -> refresh.grant().clientId().equals(client.clientId()))
                .orElseThrow(() -> OAuthException.invalidGrant("The refresh token is not valid for this client"));
        if (stored.usedAt() != null) {
            // a refresh token is single use: seeing one again means it leaked, so the whole grant goes
            grants.revokeGrant(stored.grantId());
            return OAuthException.invalidGrant("The refresh token was already used; the grant is revoked");
        }
        return OAuthException.invalidGrant("The refresh token has expired or was revoked");
    }

    /** Runs {@code grant} in a transaction that a refusal commits too: a refusal may revoke a grant (reuse, replay). */
    private static <T> T inTransaction(Supplier<T> grant) {
        return QuarkusTransaction.joiningExisting()
                .exceptionHandler(failure -> failure instanceof OAuthException ? TransactionExceptionResult.COMMIT
                        : TransactionExceptionResult.ROLLBACK)
                .call(grant::get);
    }

    /** A publish key buys a short-lived token that may only push versions of its integration. */
    private TokenAnswer publish(ClientAuthentication client) {
        UUID keyId = uuid(client.clientId());
        PublishKey key = keyId == null ? null : grants.publishKey(keyId).orElse(null);
        if (key == null || key.revokedAt() != null || !Secrets.same(key.keyHash(), Secrets.sha256(client.secret()))) {
            throw new OAuthException(401, "invalid_client", "Unknown publish key or wrong secret", client.basic());
        }
        Instant now = Instant.now();
        Instant expires = now.plus(config.publishTokenLifetime());
        String token = signer.sign(new AccessToken("publish-key-" + key.id(), key.clientId(), null, Roles.PUBLISHER,
                key.grantId(), now, expires)).token();
        return new TokenAnswer("Bearer", config.publishTokenLifetime().toSeconds(), token, null, now.getEpochSecond());
    }

    private TokenAnswer issue(UUID grantId, UUID clientId, long accountId, String scope) {
        String refresh = newRefreshToken();
        Instant now = Instant.now();
        grants.saveRefreshToken(Secrets.sha256(refresh), grantId, now.plus(config.refreshTokenLifetime()));
        return answer(grantId, clientId, accountId, scope, refresh, now);
    }

    private TokenAnswer answer(UUID grantId, UUID clientId, long accountId, String scope, String refresh, Instant now) {
        String access = signer.sign(new AccessToken(Long.toString(accountId), clientId, accountId, scope, grantId, now,
                now.plus(config.accessTokenLifetime()))).token();
        return new TokenAnswer("Bearer", config.accessTokenLifetime().toSeconds(), access, refresh, now.getEpochSecond());
    }

    private static String newRefreshToken() {
        return REFRESH_PREFIX + Secrets.random(32);
    }

    private static void checkPkce(Code code, String verifier) {
        if (code.challenge() == null) {
            if (verifier != null) {
                throw OAuthException.invalidGrant("code_verifier was given but the code was issued without a challenge");
            }
            return;
        }
        if (verifier == null || !PKCE_VERIFIER.matcher(verifier).matches()) {
            throw OAuthException.invalidGrant("A code_verifier of 43-128 characters is required for this code");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            if (!Secrets.same(code.challenge(), Base64.getUrlEncoder().withoutPadding().encodeToString(digest))) {
                throw OAuthException.invalidGrant("code_verifier does not match the code_challenge");
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw OAuthException.invalidRequest(name + " is required");
        }
        return value;
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
