package io.marketplace.keys.service;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.InstallationEnabled;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * An account installed an integration: codes of that installation may be issued (for the owner, in the Keys view too).
 */
@ApplicationScoped
public class InstallationEnabledHandler extends JsonEventHandler<InstallationEnabled> {

    @Inject
    InstallationGenerations generations;

    public InstallationEnabledHandler() {
        super(InstallationEnabled.class, InstallationEnabled.TYPE);
    }

    @Override
    protected void validate(InstallationEnabled event, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", event.integrationId());
        violations.require(prefix + ".account_id", event.accountId());
        violations.requirePositive(prefix + ".generation", event.generation());
    }

    @Override
    protected void handle(InstallationEnabled event, EventEnvelope envelope) {
        handleAll(List.of(envelope));
    }

    @Override
    public void handleAll(List<EventEnvelope> events) {
        generations.installed(InstallationGenerations.latestByPair(events.stream().map(this::data).toList()));
    }
}
