package io.marketplace.stats.service;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.IntegrationSaved;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import io.marketplace.stats.persistence.InstallEventRepository;
import io.marketplace.stats.persistence.InstallEventRepository.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * An integration was created: its owner's admins may read its statistics from then on, all zeros until the first
 * install, instead of a 404 that would look like a missing integration.
 */
@ApplicationScoped
public class IntegrationSavedHandler extends JsonEventHandler<IntegrationSaved> {

    @Inject
    InstallEventRepository store;

    public IntegrationSavedHandler() {
        super(EventType.INTEGRATION_SAVED);
    }

    @Override
    protected void validate(IntegrationSaved saved, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", saved.integrationId());
        violations.requirePositive(prefix + ".owner_account_id", saved.ownerAccountId());
        violations.require(prefix + ".code", saved.code());
    }

    @Override
    protected void handle(IntegrationSaved saved, EventEnvelope event) {
        store.saveOwners(List.of(new Owner(saved.integrationId(), saved.ownerAccountId(), saved.code())));
    }
}
