package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.IntegrationVersion;

public record SettingsResponse(Boolean duplicateControl, Boolean multipleSources, String ownerCompany) {

    static SettingsResponse from(IntegrationVersion version) {
        return new SettingsResponse(version.duplicateControl, version.multipleSources, version.ownerCompany);
    }
}
