package io.marketplace.integrations.rest;

/** The Marketplace category; {@code other} when left out. */
public record PublishRequest(String category) {
}
