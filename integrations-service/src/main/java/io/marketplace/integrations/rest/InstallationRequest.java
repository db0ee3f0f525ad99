package io.marketplace.integrations.rest;

/** Install in the caller's account, counted in this Marketplace language. */
public record InstallationRequest(String language) {
}
