package io.marketplace.webhooks.service;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.IntegrationDeleted;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.persistence.InstallationStates;
import io.marketplace.platform.problem.Violations;
import io.marketplace.webhooks.persistence.DeliveryStore;
import io.marketplace.webhooks.persistence.RedirectWatches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A deleted integration has no delivery log any more, and what was still to be sent about it is cancelled: keys-service
 * no longer has its secrets to sign it. Its deliveries stay in the database.
 */
@ApplicationScoped
public class IntegrationDeletedHandler extends JsonEventHandler<IntegrationDeleted> {

    @Inject
    RedirectWatches watches;

    @Inject
    DeliveryStore deliveries;

    @Inject
    InstallationStates installations;

    public IntegrationDeletedHandler() {
        super(IntegrationDeleted.class, IntegrationDeleted.TYPE);
    }

    @Override
    protected void validate(IntegrationDeleted deleted, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", deleted.integrationId());
    }

    @Override
    protected void handle(IntegrationDeleted deleted, EventEnvelope event) {
        watches.forget(deleted.integrationId());
        deliveries.cancelPending(deleted.integrationId(), "the integration was deleted");
        installations.forget(deleted.integrationId());
    }
}
