package io.marketplace.keys.service;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.InstallationDisabled;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * An account disabled an integration: that installation's codes stop exchanging and every grant it gave is revoked
 * (refresh, access and long-lived tokens).
 */
@ApplicationScoped
public class InstallationDisabledHandler extends JsonEventHandler<InstallationDisabled> {

    @Inject
    InstallationGenerations generations;

    public InstallationDisabledHandler() {
        super(InstallationDisabled.class, InstallationDisabled.TYPE);
    }

    @Override
    protected void validate(InstallationDisabled event, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", event.integrationId());
        violations.require(prefix + ".account_id", event.accountId());
        violations.requirePositive(prefix + ".generation", event.generation());
    }

    @Override
    protected void handle(InstallationDisabled event, EventEnvelope envelope) {
        handleAll(List.of(envelope));
    }

    @Override
    public void handleAll(List<EventEnvelope> events) {
        generations.disabled(InstallationGenerations.latestByPair(events.stream().map(this::data).toList()));
    }
}
