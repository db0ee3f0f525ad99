package io.marketplace.integrations.client;

import io.marketplace.integrations.persistence.InstallableIntegration;
import io.marketplace.integrations.persistence.Integration;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.IntegrationDeleted;
import io.marketplace.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What keys-service must learn from this service, sent through the outbox in the caller's transaction. */
@ApplicationScoped
public class KeysServiceEvents {

    public static final String NEIGHBOUR = "keys-service";

    @Inject
    Outbox outbox;

    /** The developer's next call may be the Keys view: the request is answered once keys-service has it. */
    public void integrationSaved(Integration integration) {
        outbox.enqueueBeforeAnswer(NEIGHBOUR, EventType.INTEGRATION_SAVED, IntegrationSavedEvents.of(integration));
    }

    /**
     * The account installed the integration: keys-service issues codes for that installation generation. Sent for the
     * owner's own test install, for which the Keys view then offers a code.
     */
    public void installationEnabled(InstallableIntegration integration, long accountId, long generation, String language) {
        outbox.enqueueBeforeAnswer(NEIGHBOUR, EventType.INSTALLATION_ENABLED,
                InstallationUpdates.of(integration, accountId, generation, language));
    }

    /**
     * The account disabled the integration: keys-service ends that installation generation (its codes stop working,
     * every token the account gave goes). The disable is answered once keys-service has it, so that it is final then.
     */
    public void installationDisabled(InstallableIntegration integration, long accountId, long generation, String language) {
        outbox.enqueueBeforeAnswer(NEIGHBOUR, EventType.INSTALLATION_DISABLED,
                InstallationUpdates.of(integration, accountId, generation, language));
    }

    public void integrationDeleted(Integration integration) {
        outbox.enqueue(NEIGHBOUR, EventType.INTEGRATION_DELETED, new IntegrationDeleted(integration.id));
    }
}
