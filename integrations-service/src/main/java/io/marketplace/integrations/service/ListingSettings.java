package io.marketplace.integrations.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Version-wide listing settings; a field left out (or null) is not set yet. */
public record ListingSettings(
        @Schema(nullable = true, description = "Whether the integration controls duplicates") Boolean duplicateControl,
        @Schema(nullable = true, description = "Whether it has several lead sources") Boolean multipleSources,
        @Schema(nullable = true, maxLength = ListingRules.MAX_OWNER_COMPANY, examples = "Acme") String ownerCompany,
        @Schema(nullable = true, description = "false for an integration without a widget: no archive, installed only "
                + "from the developer's site (each listing's install_url); left out or null means true")
        Boolean hasWidget) {
}
