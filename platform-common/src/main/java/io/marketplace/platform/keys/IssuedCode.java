package io.marketplace.platform.keys;

import java.time.Instant;

/**
 * An authorization code keys-service issued for (integration, account), valid {@code expiresIn} seconds (until
 * {@code expiresAt}), single use.
 */
public record IssuedCode(String code, int expiresIn, Instant expiresAt) {
}
