package io.marketplace.webhooks.service;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.IntegrationSaved;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import io.marketplace.webhooks.persistence.RedirectWatchRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An integration was created or its settings changed: its owner is who may read its delivery log. */
@ApplicationScoped
public class IntegrationSavedHandler extends JsonEventHandler<IntegrationSaved> {

    @Inject
    RedirectWatchRepository watches;

    public IntegrationSavedHandler() {
        super(EventType.INTEGRATION_SAVED);
    }

    @Override
    protected void validate(IntegrationSaved saved, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", saved.integrationId());
        violations.requirePositive(prefix + ".owner_account_id", saved.ownerAccountId());
        violations.require(prefix + ".redirect_uri", saved.redirectUri());
    }

    @Override
    protected void handle(IntegrationSaved saved, EventEnvelope event) {
        watches.learn(saved.integrationId(), saved.ownerAccountId(), saved.redirectUri());
    }
}
