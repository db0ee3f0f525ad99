package io.marketplace.integrations.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The installed description with its tags replaced by the caller's own values. */
public record InstalledDescriptionPreview(@Schema(enumeration = {"en", "es", "pt", "tr", "id"}) String language,
        @Schema(nullable = true) String installedDescription) {
}
