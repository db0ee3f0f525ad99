package io.marketplace.keys.rest;

import java.util.UUID;

/** A service request about one integration in one account. */
interface AccountScopedRequest {
    UUID clientId();

    Long accountId();
}
