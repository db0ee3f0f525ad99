package io.marketplace.platform.events;

import java.util.UUID;

/**
 * integrations-service → keys-service: an account disabled the integration, ending installation {@code generation}:
 * its codes no longer exchange and every token it gave goes.
 */
public record InstallationDisabled(UUID integrationId, Long accountId, Long generation) implements InstallationChange {
    public static final String TYPE = "installation.disabled";
}
