package io.marketplace.keys.service;

import io.marketplace.keys.persistence.GrantRepository.Grant;
import io.marketplace.keys.persistence.GrantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/** RFC 7662 introspection and RFC 7009 revocation of access tokens (JWTs) and refresh tokens. */
@ApplicationScoped
public class TokenIntrospection {

    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    @Inject
    TokenSigner signer;

    @Inject
    GrantRepository grants;

    /**
     * What a token is, if it is active and (when {@code askingClient} is given) was issued to that client;
     * otherwise only {@code active: false}, so nothing can be learnt about other clients' tokens.
     */
    @Transactional
    public Map<String, Object> introspect(String token, UUID askingClient) {
        if (token == null || token.isBlank()) {
            return INACTIVE;
        }
        if (token.startsWith("rt_")) {
            return grants.lockRefreshToken(Secrets.sha256(token))
                    .filter(refresh -> refresh.usedAt() == null && refresh.expiresAt().isAfter(Instant.now()))
                    .filter(refresh -> isLive(refresh.grant(), askingClient))
                    .map(refresh -> refreshAnswer(refresh.grant(), refresh.expiresAt()))
                    .orElse(INACTIVE);
        }
        JwtClaims claims = signer.verify(token);
        if (claims == null) {
            return INACTIVE;
        }
        try {
            UUID jti = UUID.fromString(claims.getJwtId());
            Optional<Grant> grant = liveGrant(UUID.fromString(claims.getStringClaimValue(TokenSigner.GRANT_ID)), askingClient);
            if (grant.isEmpty() || grants.accessTokenRevoked(jti)) {
                return INACTIVE;
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("active", true);
            answer.put("token_type", "Bearer");
            answer.put("scope", claims.getStringClaimValue(TokenSigner.SCOPE));
            answer.put("client_id", claims.getStringClaimValue(TokenSigner.CLIENT_ID));
            if (grant.get().accountId() != null) {
                answer.put("account_id", grant.get().accountId());
            }
            answer.put("sub", claims.getSubject());
            answer.put("aud", claims.getAudience());
            answer.put("iss", claims.getIssuer());
            answer.put("exp", claims.getExpirationTime().getValue());
            answer.put("iat", claims.getIssuedAt().getValue());
            answer.put("jti", claims.getJwtId());
            return answer;
        } catch (MalformedClaimException | IllegalArgumentException | NullPointerException e) {
            return INACTIVE;
        }
    }

    /**
     * Revokes a token the client holds: a refresh token or a long-lived token takes its whole grant with it, an
     * access token only itself. Unknown tokens and other clients' tokens are ignored (the answer is the same).
     */
    @Transactional
    public void revoke(String token, UUID client) {
        if (token == null || token.isBlank()) {
            return;
        }
        if (token.startsWith("rt_")) {
            grants.lockRefreshToken(Secrets.sha256(token))
                    .filter(refresh -> isLive(refresh.grant(), client))
                    .ifPresent(refresh -> grants.revokeGrant(refresh.grantId()));
            return;
        }
        JwtClaims claims = signer.verify(token);
        if (claims == null) {
            return;
        }
        try {
            Optional<Grant> grant = liveGrant(UUID.fromString(claims.getStringClaimValue(TokenSigner.GRANT_ID)), client);
            if (grant.isEmpty()) {
                return;
            }
            if (grant.get().kind().equals("long_lived")) {
                grants.revokeGrant(grant.get().id());
            } else {
                grants.revokeAccessToken(UUID.fromString(claims.getJwtId()),
                        Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
            }
        } catch (MalformedClaimException | IllegalArgumentException | NullPointerException e) {
            // not one of ours after all: nothing to revoke
        }
    }

    private Optional<Grant> liveGrant(UUID grantId, UUID client) {
        return grants.grant(grantId).filter(grant -> isLive(grant, client));
    }

    private static boolean isLive(Grant grant, UUID client) {
        return grant.revokedAt() == null && (client == null || grant.clientId().equals(client));
    }

    private static Map<String, Object> refreshAnswer(Grant grant, Instant expiresAt) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.put("token_type", "refresh_token");
        answer.put("scope", grant.scope());
        answer.put("client_id", grant.clientId().toString());
        if (grant.accountId() != null) {
            answer.put("account_id", grant.accountId());
        }
        answer.put("exp", expiresAt.getEpochSecond());
        return answer;
    }
}
