package io.marketplace.integrations.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Version-wide listing settings; a field left out (or null) is not set yet. */
public record ListingSettings(
        @Schema(nullable = true, description = "Whether the integration controls duplicates") Boolean duplicateControl,
        @Schema(nullable = true, description = "Whether it has several lead sources") Boolean multipleSources,
        @Schema(nullable = true, maxLength = ListingRules.MAX_OWNER_COMPANY, examples = "Acme") String ownerCompany) {
}
