package io.marketplace.integrations.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A listing in one language. Saving replaces it whole; a field left out (or null) is not filled yet. */
public record ListingContent(
        @Schema(description = "1-255 characters", maxLength = ListingRules.MAX_NAME, nullable = true,
                examples = "Lead Sync") String name,
        @Schema(description = "1-50 characters, counted as Unicode code points",
                maxLength = ListingRules.MAX_SHORT_DESCRIPTION,
                nullable = true, examples = "Keeps leads in sync") String shortDescription,
        @Schema(description = "1-65000 characters", maxLength = ListingRules.MAX_DESCRIPTION, nullable = true,
                examples = "Synchronises leads every minute.") String description,
        @Schema(description = "Shown after installation; may contain #ACCOUNT_ID#, #ACCOUNT_SUBDOMAIN#, #USER_ID#, "
                + "#CLIENT_ID#, #WIDGET_CODE#", maxLength = ListingRules.MAX_DESCRIPTION, nullable = true,
                examples = "Welcome, #ACCOUNT_SUBDOMAIN#!") String installedDescription,
        @Schema(format = "uri", nullable = true, examples = "https://dev.example.com/privacy") String privacyPolicyUrl,
        @Schema(format = "uri", nullable = true, examples = "https://dev.example.com/support") String supportUrl,
        @Schema(format = "email", maxLength = 254, nullable = true,
                examples = "support@dev.example.com") String supportEmail,
        @Schema(format = "uri", nullable = true, description = "The page of the developer's site with the install "
                + "button; required before review when the version has no widget",
                examples = "https://dev.example.com/connect") String installUrl) {
}
