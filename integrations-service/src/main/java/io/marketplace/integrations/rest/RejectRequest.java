package io.marketplace.integrations.rest;

/** Why the version is rejected; the developer sees it. */
public record RejectRequest(String reason) {
}
