package io.marketplace.webhooks.service;

import io.marketplace.platform.inbox.IntegrationDeletions;
import io.marketplace.platform.persistence.InstallationStateRepository;
import io.marketplace.webhooks.persistence.DeliveryRepository;
import io.marketplace.webhooks.persistence.RedirectWatchRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * A deleted integration (one never sent to review: only its owner's test deliveries exist) goes with its delivery
 * log, and what was still to be sent about it is not sent: keys-service no longer has its secrets to sign it.
 */
@ApplicationScoped
public class IntegrationDeletedHandler extends IntegrationDeletions {

    @Inject
    RedirectWatchRepository watches;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    InstallationStateRepository installations;

    @Override
    protected void forget(UUID integrationId) {
        watches.forget(integrationId);
        deliveries.deleteAll(integrationId);
        installations.forget(integrationId);
    }
}
