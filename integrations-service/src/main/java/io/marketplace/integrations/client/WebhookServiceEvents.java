package io.marketplace.integrations.client;

import io.marketplace.integrations.persistence.InstallableIntegration;
import io.marketplace.integrations.persistence.Integration;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.IntegrationDeleted;
import io.marketplace.platform.events.IntegrationPublished;
import io.marketplace.platform.events.WebhookJob;
import io.marketplace.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What webhook-service must learn from this service, sent through the outbox in the caller's transaction. */
@ApplicationScoped
public class WebhookServiceEvents {

    public static final String NEIGHBOUR = "webhook-service";

    @Inject
    Outbox outbox;

    /** The authorization code goes to the developer's redirect URL (webhook-service asks keys-service for it). */
    public void sendCode(InstallableIntegration integration, long accountId, long generation, String referer) {
        outbox.enqueue(NEIGHBOUR, EventType.CODE_DELIVERY_REQUESTED, new WebhookJob(integration.id(),
                integration.ownerAccountId(), accountId, generation, integration.redirectUri(), referer, null));
    }

    /**
     * The developer's revoke URL hears that the account disabled the integration. Sent without a URL when the
     * integration has none: webhook-service must still cancel the code deliveries of that installation not yet sent.
     */
    public void sendAccessRevoked(InstallableIntegration integration, long accountId, long generation) {
        outbox.enqueue(NEIGHBOUR, EventType.REVOKE_NOTICE_REQUESTED, new WebhookJob(integration.id(),
                integration.ownerAccountId(), accountId, generation, integration.revokeUrl(), null, null));
    }

    /**
     * The integration's owner and redirect URL: the owner may read its delivery log (from the answer to the create on),
     * and the URL is checked once published.
     */
    public void integrationSaved(Integration integration) {
        outbox.enqueueBeforeAnswer(NEIGHBOUR, EventType.INTEGRATION_SAVED, IntegrationSavedEvents.of(integration));
    }

    public void integrationDeleted(Integration integration) {
        outbox.enqueue(NEIGHBOUR, EventType.INTEGRATION_DELETED, new IntegrationDeleted(integration.id));
    }

    /** The integration was published: webhook-service checks its redirect URL from time to time from now on. */
    public void published(Integration integration) {
        outbox.enqueue(NEIGHBOUR, EventType.INTEGRATION_PUBLISHED, new IntegrationPublished(integration.id,
                integration.ownerAccountId, integration.redirectUri, true));
    }
}
