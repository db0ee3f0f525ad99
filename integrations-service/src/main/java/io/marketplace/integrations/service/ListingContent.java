package io.marketplace.integrations.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A listing in one language. Saving replaces it whole; a field left out (or null) is not filled yet. */
public record ListingContent(
        @Schema(description = "1-255 characters") String name,
        @Schema(description = "1-50 characters, counted as Unicode code points") String shortDescription,
        @Schema(description = "1-65000 characters") String description,
        @Schema(description = "Shown after installation; may contain #ACCOUNT_ID#, #ACCOUNT_SUBDOMAIN#, #USER_ID#, "
                + "#CLIENT_ID#, #WIDGET_CODE#") String installedDescription,
        String privacyPolicyUrl,
        String supportUrl,
        String supportEmail) {
}
