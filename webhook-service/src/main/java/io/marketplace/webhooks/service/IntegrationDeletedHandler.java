package io.marketplace.webhooks.service;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.IntegrationDeleted;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.persistence.InstallationStateRepository;
import io.marketplace.platform.problem.Violations;
import io.marketplace.webhooks.persistence.DeliveryRepository;
import io.marketplace.webhooks.persistence.RedirectWatchRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A deleted integration (one never sent to review: only its owner's test deliveries exist) goes with its delivery
 * log, and what was still to be sent about it is not sent: keys-service no longer has its secrets to sign it.
 */
@ApplicationScoped
public class IntegrationDeletedHandler extends JsonEventHandler<IntegrationDeleted> {

    @Inject
    RedirectWatchRepository watches;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    InstallationStateRepository installations;

    public IntegrationDeletedHandler() {
        super(EventType.INTEGRATION_DELETED);
    }

    @Override
    protected void validate(IntegrationDeleted deleted, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", deleted.integrationId());
    }

    @Override
    protected void handle(IntegrationDeleted deleted, EventEnvelope event) {
        watches.forget(deleted.integrationId());
        deliveries.deleteAll(deleted.integrationId());
        installations.forget(deleted.integrationId());
    }
}
