package io.marketplace.keys.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.keys.persistence.ClientRegistrations;
import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.IntegrationSaved;
import io.marketplace.platform.inbox.EventHandler;
import io.marketplace.platform.problem.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Keeps the OAuth client registration of each integration in step with integrations-service. */
@ApplicationScoped
public class IntegrationSavedHandler implements EventHandler {

    @Inject
    ObjectMapper json;

    @Inject
    ClientRegistrations registrations;

    @Override
    public String type() {
        return IntegrationSaved.TYPE;
    }

    @Override
    public void validate(EventEnvelope event, String prefix, Violations violations) {
        IntegrationSaved saved = read(event, prefix, violations);
        if (saved != null) {
            violations.require(prefix + ".integration_id", saved.integrationId());
            violations.require(prefix + ".owner_account_id", saved.ownerAccountId());
            violations.require(prefix + ".code", saved.code());
            violations.require(prefix + ".redirect_uri", saved.redirectUri());
            violations.require(prefix + ".scopes", saved.scopes());
        }
    }

    @Override
    public void handle(EventEnvelope event) {
        registrations.upsert(read(event, "data", new Violations()), event.occurredAt());
    }

    private IntegrationSaved read(EventEnvelope event, String prefix, Violations violations) {
        try {
            return json.treeToValue(event.data(), IntegrationSaved.class);
        } catch (JsonProcessingException e) {
            violations.add(prefix, "invalid", "data is not an integration.saved payload: " + e.getOriginalMessage());
            return null;
        }
    }
}
