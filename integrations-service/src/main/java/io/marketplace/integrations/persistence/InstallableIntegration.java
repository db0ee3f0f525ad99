package io.marketplace.integrations.persistence;

import java.util.UUID;

/** What an installation's start and end tell the neighbours about its integration. */
public record InstallableIntegration(UUID id, String code, long ownerAccountId, String redirectUri, String revokeUrl) {

    public static InstallableIntegration of(Integration integration) {
        return new InstallableIntegration(integration.id, integration.code, integration.ownerAccountId,
                integration.redirectUri, integration.revokeUrl);
    }
}
