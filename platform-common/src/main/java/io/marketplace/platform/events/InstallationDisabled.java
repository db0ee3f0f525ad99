package io.marketplace.platform.events;

import java.util.UUID;

/** integrations-service → keys-service: an account disabled an integration; every token it gave goes. */
public record InstallationDisabled(UUID integrationId, Long accountId) {
    public static final String TYPE = "installation.disabled";
}
