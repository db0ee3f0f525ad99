package io.marketplace.platform.keys;

import java.util.UUID;

/** A service's request to keys-service about one integration in one account. */
public interface AccountScopedRequest {
    UUID clientId();

    Long accountId();
}
