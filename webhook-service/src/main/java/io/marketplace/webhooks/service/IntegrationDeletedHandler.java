package io.marketplace.webhooks.service;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.IntegrationDeleted;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import io.marketplace.webhooks.persistence.RedirectWatches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A deleted integration has no delivery log any more (its deliveries stay in the database until purged). */
@ApplicationScoped
public class IntegrationDeletedHandler extends JsonEventHandler<IntegrationDeleted> {

    @Inject
    RedirectWatches watches;

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
    }
}
