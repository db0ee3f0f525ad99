package io.marketplace.integrations.service;

import io.marketplace.integrations.persistence.Integration;
import io.marketplace.integrations.persistence.VersionStatus;

/** An integration's status is derived from its versions: published once any version is, else its latest version's. */
public final class IntegrationStatus {

    private IntegrationStatus() {
    }

    public static VersionStatus of(Integration integration) {
        boolean published = integration.versions.stream().anyMatch(v -> v.status == VersionStatus.PUBLISHED);
        if (published) {
            return VersionStatus.PUBLISHED;
        }
        return integration.versions.stream()
                .reduce((first, second) -> second)
                .map(latest -> latest.status)
                .orElse(VersionStatus.DRAFT);
    }
}
