package io.marketplace.integrations.client;

import io.marketplace.integrations.persistence.Integration;
import io.marketplace.platform.events.IntegrationSaved;
import java.util.List;

/** The one way this service describes an integration's current client settings to its neighbours. */
final class IntegrationSavedEvents {

    private IntegrationSavedEvents() {
    }

    static IntegrationSaved of(Integration integration) {
        return new IntegrationSaved(integration.id, integration.ownerAccountId, integration.code, integration.redirectUri,
                List.copyOf(integration.scopes));
    }
}
