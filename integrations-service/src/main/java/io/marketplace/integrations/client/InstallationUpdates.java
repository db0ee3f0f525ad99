package io.marketplace.integrations.client;

import io.marketplace.integrations.persistence.InstallableIntegration;
import io.marketplace.platform.events.InstallationUpdate;

/** The one way this service describes an installation's start or end to its neighbours. */
final class InstallationUpdates {

    private InstallationUpdates() {
    }

    static InstallationUpdate of(InstallableIntegration integration, long accountId, long generation, String language) {
        return new InstallationUpdate(integration.id(), integration.code(), integration.ownerAccountId(), accountId,
                generation, language);
    }
}
