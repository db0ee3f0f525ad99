package io.marketplace.platform.events;

import java.util.UUID;

/**
 * integrations-service → keys-service: an account installed the integration, starting installation
 * {@code generation} (each install of the pair starts a new one). Sent for the owner's own test install, which makes
 * the Keys view offer it an authorization code for itself; other installs reach keys-service with their first code.
 */
public record InstallationEnabled(UUID integrationId, Long accountId, Long generation) {
    public static final String TYPE = "installation.enabled";
}
