package io.marketplace.stats.service;

import io.marketplace.platform.inbox.IntegrationDeletions;
import io.marketplace.stats.persistence.InstallEventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** A deleted integration (never sent to review: only its owner's test installs were counted) goes with its statistics. */
@ApplicationScoped
public class IntegrationDeletedHandler extends IntegrationDeletions {

    @Inject
    InstallEventRepository store;

    @Override
    protected void forget(UUID integrationId) {
        store.forget(integrationId);
    }
}
