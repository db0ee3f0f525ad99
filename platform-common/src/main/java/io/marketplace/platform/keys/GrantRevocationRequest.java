package io.marketplace.platform.keys;

import java.util.UUID;

/** An account disabled an integration: every grant it gave that integration goes. */
public record GrantRevocationRequest(UUID clientId, Long accountId) implements AccountScopedRequest {
}
