package io.marketplace.stats.service;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.IntegrationDeleted;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import io.marketplace.stats.persistence.InstallEventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A deleted integration (never sent to review: only its owner's test installs were counted) goes with its statistics. */
@ApplicationScoped
public class IntegrationDeletedHandler extends JsonEventHandler<IntegrationDeleted> {

    @Inject
    InstallEventRepository store;

    public IntegrationDeletedHandler() {
        super(EventType.INTEGRATION_DELETED);
    }

    @Override
    protected void validate(IntegrationDeleted deleted, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", deleted.integrationId());
    }

    @Override
    protected void handle(IntegrationDeleted deleted, EventEnvelope event) {
        store.forget(deleted.integrationId());
    }
}
