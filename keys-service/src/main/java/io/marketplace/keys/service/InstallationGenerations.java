package io.marketplace.keys.service;

import io.marketplace.keys.persistence.GrantRepository;
import io.marketplace.platform.domain.InstallationState;
import io.marketplace.platform.events.InstallationUpdate;
import io.marketplace.platform.persistence.InstallationStateRepository.Pair;
import io.marketplace.platform.persistence.InstallationStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Codes and grants follow integrations-service's decision on each installation: a code is issued and exchanged only
 * for the installation generation that is active, and ending a generation revokes everything issued for it. What
 * integrations-service reports is merged by {@link InstallationState#merge}, so late, repeated or reordered reports
 * never bring an ended installation back. Each decision locks the pair's row: an exchange and a disable of the same
 * pair take turns, so no grant is made for an installation whose disable has committed.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class InstallationGenerations {

    @Inject
    InstallationStateRepository installations;

    @Inject
    GrantRepository grants;

    /** The latest generation each pair's changes name (a batch may carry several of one pair). */
    public static Map<Pair, Long> latestByPair(List<InstallationUpdate> changes) {
        Map<Pair, Long> latest = new HashMap<>();
        changes.forEach(change -> latest.merge(new Pair(change.integrationId(), change.accountId()), change.generation(),
                Math::max));
        return latest;
    }

    public void installed(Map<Pair, Long> generations) {
        installations.merge(generations.entrySet().stream()
                .map(started -> Map.entry(started.getKey(), InstallationState.installed(started.getValue()))).toList());
    }

    /**
     * Each pair's generation is over: its codes stop exchanging, and the grants of it and of earlier ones are revoked.
     * A whole batch costs a handful of statements, so a backlog lands at once when keys-service is back.
     */
    public void disabled(Map<Pair, Long> generations) {
        installations.merge(generations.entrySet().stream()
                .map(ended -> Map.entry(ended.getKey(), InstallationState.disabled(ended.getValue()))).toList());
        grants.revokeInstallationGrants(generations);
    }

    /**
     * Codes are asked for these installation generations (by webhook-service, on integrations-service's word): each
     * one keys-service does not know yet as the active one is taken as that install's report. Answers each pair's
     * state afterwards; a code may be issued where it {@link InstallationState#admits admits} the generation asked.
     * Pairs already known hold no lock: a disable committing meanwhile still stops the code at the exchange.
     */
    public Map<Pair, InstallationState> admitCodes(List<Map.Entry<Pair, Long>> requested) {
        Map<Pair, InstallationState> states = new HashMap<>(installations.peek(requested.stream().map(Map.Entry::getKey).toList()));
        List<Map.Entry<Pair, InstallationState>> reports = requested.stream()
                .filter(asked -> !states.get(asked.getKey()).admits(asked.getValue()))
                .map(asked -> Map.entry(asked.getKey(), InstallationState.installed(asked.getValue())))
                .toList();
        if (!reports.isEmpty()) {
            states.putAll(installations.merge(reports));
        }
        return states;
    }

    /** Whether a code of {@code generation} may be exchanged; the pair cannot change until the exchange commits. */
    public boolean admitsExchange(UUID clientId, long accountId, long generation) {
        return installations.read(clientId, accountId).admits(generation);
    }

    /** What is known of the pair now, unchanged until the transaction ends. */
    public InstallationState current(UUID clientId, long accountId) {
        return installations.read(clientId, accountId);
    }
}
