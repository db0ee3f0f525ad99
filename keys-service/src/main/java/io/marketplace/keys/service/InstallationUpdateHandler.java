package io.marketplace.keys.service;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.InstallationUpdate;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An account installed an integration (codes of that installation may be issued; for the owner, in the Keys view too)
 * or disabled it (its codes stop working and its grants are revoked). A batch's events may come in any order: the
 * merge rule gives the same state whatever the order.
 */
@ApplicationScoped
public class InstallationUpdateHandler extends JsonEventHandler<InstallationUpdate> {

    @Inject
    InstallationGenerations generations;

    public InstallationUpdateHandler() {
        super(EventType.INSTALLATION_ENABLED, EventType.INSTALLATION_DISABLED);
    }

    @Override
    protected void validate(InstallationUpdate update, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", update.integrationId());
        violations.require(prefix + ".account_id", update.accountId());
        violations.requirePositive(prefix + ".generation", update.generation());
    }

    @Override
    protected void handle(InstallationUpdate update, EventEnvelope envelope) {
        handleAll(List.of(envelope));
    }

    @Override
    public void handleAll(List<EventEnvelope> events) {
        Map<Boolean, List<InstallationUpdate>> byKind = events.stream().collect(Collectors.partitioningBy(
                event -> type(event) == EventType.INSTALLATION_ENABLED, Collectors.mapping(this::data, Collectors.toList())));
        if (!byKind.get(true).isEmpty()) {
            generations.installed(InstallationGenerations.latestByPair(byKind.get(true)));
        }
        if (!byKind.get(false).isEmpty()) {
            generations.disabled(InstallationGenerations.latestByPair(byKind.get(false)));
        }
    }
}
