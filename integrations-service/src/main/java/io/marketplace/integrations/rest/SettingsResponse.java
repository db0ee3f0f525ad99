package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.IntegrationVersion;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record SettingsResponse(
        @Schema(nullable = true) Boolean duplicateControl,
        @Schema(nullable = true) Boolean multipleSources,
        @Schema(nullable = true) String ownerCompany,
        @Schema(description = "false: no widget; installed only from the developer's site") boolean hasWidget) {

    static SettingsResponse from(IntegrationVersion version) {
        return new SettingsResponse(version.duplicateControl, version.multipleSources, version.ownerCompany,
                version.hasWidget);
    }
}
