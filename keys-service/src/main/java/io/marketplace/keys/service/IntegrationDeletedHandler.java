package io.marketplace.keys.service;

import io.marketplace.keys.persistence.ClientRegistrationRepository;
import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.IntegrationDeleted;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.persistence.InstallationStateRepository;
import io.marketplace.platform.problem.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An integration deleted before it was ever reviewed has no client, nor installations, any more. */
@ApplicationScoped
public class IntegrationDeletedHandler extends JsonEventHandler<IntegrationDeleted> {

    @Inject
    ClientRegistrationRepository registrations;

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
        registrations.delete(deleted.integrationId());
        installations.forget(deleted.integrationId());
    }
}
