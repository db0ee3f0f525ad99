package io.marketplace.platform.keys;

/** An authorization code keys-service issued for (integration, account), valid {@code expiresIn} seconds, single use. */
public record IssuedCode(String code, int expiresIn) {
}
