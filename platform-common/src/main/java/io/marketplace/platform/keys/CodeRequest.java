package io.marketplace.platform.keys;

import java.util.UUID;

/** An account installs an integration: a code for that account, optionally bound to a PKCE S256 challenge. */
public record CodeRequest(UUID clientId, Long accountId, String codeChallenge, String codeChallengeMethod)
        implements AccountScopedRequest {
}
