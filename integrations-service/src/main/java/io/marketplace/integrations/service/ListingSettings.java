package io.marketplace.integrations.service;

/** Version-wide listing settings; a field left out (or null) is not set yet. */
public record ListingSettings(Boolean duplicateControl, Boolean multipleSources, String ownerCompany) {
}
