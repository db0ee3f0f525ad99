package io.marketplace.integrations.rest;

/** The installed description with its tags replaced by the caller's own values. */
public record InstalledDescriptionPreview(String language, String installedDescription) {
}
