package io.marketplace.integrations.client;

import io.marketplace.integrations.persistence.Integration;
import io.marketplace.integrations.persistence.VersionStatus;
import io.marketplace.integrations.service.IntegrationStatus;
import io.marketplace.platform.events.PublicationChanged;
import io.marketplace.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What webhook-service must learn from this service, sent through the outbox in the caller's transaction. */
@ApplicationScoped
public class WebhookServiceEvents {

    public static final String NEIGHBOUR = "webhook-service";

    @Inject
    Outbox outbox;

    /**
     * A published integration's redirect URL, which webhook-service checks from time to time. Unpublished integrations
     * are not sent: nothing checks them.
     */
    public void publishedIntegrationSaved(Integration integration) {
        if (IntegrationStatus.of(integration) == VersionStatus.PUBLISHED) {
            outbox.enqueue(NEIGHBOUR, PublicationChanged.TYPE, new PublicationChanged(integration.id,
                    integration.ownerAccountId, integration.redirectUri, true));
        }
    }
}
