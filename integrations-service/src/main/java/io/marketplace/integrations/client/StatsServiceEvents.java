package io.marketplace.integrations.client;

import io.marketplace.integrations.persistence.InstallableIntegration;
import io.marketplace.integrations.persistence.Integration;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.IntegrationDeleted;
import io.marketplace.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What stats-service counts, and the integrations it counts for, sent through the outbox in the caller's transaction. */
@ApplicationScoped
public class StatsServiceEvents {

    public static final String NEIGHBOUR = "stats-service";

    @Inject
    Outbox outbox;

    /** The developer may open the new integration's statistics next: the create is answered once stats-service has it. */
    public void integrationCreated(Integration integration) {
        outbox.enqueueBeforeAnswer(NEIGHBOUR, EventType.INTEGRATION_SAVED, IntegrationSavedEvents.of(integration));
    }

    public void integrationDeleted(Integration integration) {
        outbox.enqueue(NEIGHBOUR, EventType.INTEGRATION_DELETED, new IntegrationDeleted(integration.id));
    }

    public void installed(InstallableIntegration integration, long accountId, long generation, String language) {
        outbox.enqueue(NEIGHBOUR, EventType.INSTALLATION_ENABLED,
                InstallationUpdates.of(integration, accountId, generation, language));
    }

    public void uninstalled(InstallableIntegration integration, long accountId, long generation, String language) {
        outbox.enqueue(NEIGHBOUR, EventType.INSTALLATION_DISABLED,
                InstallationUpdates.of(integration, accountId, generation, language));
    }
}
