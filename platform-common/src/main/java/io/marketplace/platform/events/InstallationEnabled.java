package io.marketplace.platform.events;

import java.util.UUID;

/**
 * integrations-service → keys-service: the owning technical account installed its own integration to test it. Only
 * these installs are sent: keys-service then offers that account an authorization code for itself in the Keys view.
 */
public record InstallationEnabled(UUID integrationId, Long accountId) {
    public static final String TYPE = "installation.enabled";
}
