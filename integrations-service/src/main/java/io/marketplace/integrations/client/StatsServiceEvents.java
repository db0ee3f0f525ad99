package io.marketplace.integrations.client;

import io.marketplace.integrations.persistence.InstallableIntegration;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What stats-service counts, sent through the outbox in the caller's transaction. */
@ApplicationScoped
public class StatsServiceEvents {

    public static final String NEIGHBOUR = "stats-service";

    @Inject
    Outbox outbox;

    public void installed(InstallableIntegration integration, long accountId, long generation, String language) {
        outbox.enqueue(NEIGHBOUR, EventType.INSTALLATION_ENABLED,
                InstallationUpdates.of(integration, accountId, generation, language));
    }

    public void uninstalled(InstallableIntegration integration, long accountId, long generation, String language) {
        outbox.enqueue(NEIGHBOUR, EventType.INSTALLATION_DISABLED,
                InstallationUpdates.of(integration, accountId, generation, language));
    }
}
