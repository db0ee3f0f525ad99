package io.marketplace.platform.keys;

import java.util.UUID;

/**
 * An account installed an integration: a code for installation {@code generation} of (integration, account),
 * optionally bound to a PKCE S256 challenge. keys-service refuses it (410) once that installation is over.
 */
public record CodeRequest(UUID clientId, Long accountId, Long generation, String codeChallenge, String codeChallengeMethod) {
}
