package io.marketplace.keys.service;

import io.marketplace.keys.persistence.ClientRegistrationRepository;
import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.IntegrationSaved;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Keeps the OAuth client registration of each integration in step with integrations-service. */
@ApplicationScoped
public class IntegrationSavedHandler extends JsonEventHandler<IntegrationSaved> {

    @Inject
    ClientRegistrationRepository registrations;

    @Inject
    ClientCredentials credentials;

    public IntegrationSavedHandler() {
        super(EventType.INTEGRATION_SAVED);
    }

    @Override
    protected void validate(IntegrationSaved saved, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", saved.integrationId());
        violations.require(prefix + ".owner_account_id", saved.ownerAccountId());
        violations.require(prefix + ".code", saved.code());
        violations.require(prefix + ".redirect_uri", saved.redirectUri());
        violations.require(prefix + ".scopes", saved.scopes());
    }

    @Override
    protected void handle(IntegrationSaved saved, EventEnvelope event) {
        registrations.upsert(saved, event.occurredAt());
        credentials.ensureFor(saved.integrationId());
    }
}
