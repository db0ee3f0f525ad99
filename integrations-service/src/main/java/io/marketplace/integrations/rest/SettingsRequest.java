package io.marketplace.integrations.rest;

/** Version-wide listing settings; a field left out (or null) is not set yet. */
public record SettingsRequest(Boolean duplicateControl, Boolean multipleSources, String ownerCompany) {
}
