package io.marketplace.platform.events;

import java.util.UUID;

/**
 * integrations-service → keys-service: the owner installed its own integration to test it, starting installation
 * {@code generation} (each install of the pair starts a new one); the Keys view then offers it an authorization code
 * for itself. Other installs reach keys-service with webhook-service's first code request, which names the
 * generation too: one message fewer per install.
 */
public record InstallationEnabled(UUID integrationId, Long accountId, Long generation) implements InstallationChange {
    public static final String TYPE = "installation.enabled";
}
