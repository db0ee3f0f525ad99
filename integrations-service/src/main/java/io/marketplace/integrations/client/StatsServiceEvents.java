package io.marketplace.integrations.client;

import io.marketplace.integrations.persistence.Integration;
import io.marketplace.platform.events.InstallationEvent;
import io.marketplace.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What stats-service counts, sent through the outbox in the caller's transaction. */
@ApplicationScoped
public class StatsServiceEvents {

    public static final String NEIGHBOUR = "stats-service";

    @Inject
    Outbox outbox;

    public void installed(Integration integration, long accountId, String language) {
        send(InstallationEvent.INSTALL, integration, accountId, language);
    }

    public void uninstalled(Integration integration, long accountId, String language) {
        send(InstallationEvent.UNINSTALL, integration, accountId, language);
    }

    private void send(String type, Integration integration, long accountId, String language) {
        outbox.enqueue(NEIGHBOUR, type, new InstallationEvent(integration.id, integration.code, integration.ownerAccountId,
                accountId, language));
    }
}
