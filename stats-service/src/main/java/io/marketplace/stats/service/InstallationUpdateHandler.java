package io.marketplace.stats.service;

import io.marketplace.platform.domain.Language;
import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.InstallationUpdate;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import io.marketplace.stats.persistence.InstallEventRepository.DayAccount;
import io.marketplace.stats.persistence.InstallEventRepository.DayCount;
import io.marketplace.stats.persistence.InstallEventRepository.Owner;
import io.marketplace.stats.persistence.InstallEventRepository.RawEvent;
import io.marketplace.stats.persistence.InstallEventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Counts installs and uninstalls: a batch becomes raw rows, per-day rollup increments (days in UTC) and per-day
 * accounts, each written with one statement. The inbox has already dropped the events it had seen. Both types go
 * through the same statements, so concurrent batches lock rollup rows in one key order and cannot deadlock.
 */
@ApplicationScoped
public class InstallationUpdateHandler extends JsonEventHandler<InstallationUpdate> {

    @Inject
    InstallEventRepository store;

    public InstallationUpdateHandler() {
        super(EventType.INSTALLATION_ENABLED, EventType.INSTALLATION_DISABLED);
    }

    @Override
    protected void validate(InstallationUpdate event, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", event.integrationId());
        violations.require(prefix + ".widget_code", event.widgetCode());
        violations.require(prefix + ".owner_account_id", event.ownerAccountId());
        violations.require(prefix + ".account_id", event.accountId());
        if (violations.require(prefix + ".language", event.language()) && Language.of(event.language()).isEmpty()) {
            violations.add(prefix + ".language", "unknown_value", "language must be one of " + Language.allCodes());
        }
    }

    @Override
    protected void handle(InstallationUpdate data, EventEnvelope event) {
        handleAll(List.of(event));
    }

    @Override
    public void handleAll(List<EventEnvelope> events) {
        List<RawEvent> raw = new ArrayList<>(events.size());
        Map<DayKey, DayCount> perDay = new LinkedHashMap<>();
        List<DayAccount> accounts = new ArrayList<>();
        Map<UUID, Owner> owners = new LinkedHashMap<>();
        for (EventEnvelope envelope : events) {
            InstallationUpdate event = data(envelope);
            LocalDate day = LocalDate.ofInstant(envelope.occurredAt(), ZoneOffset.UTC);
            boolean install = type(envelope) == EventType.INSTALLATION_ENABLED;
            raw.add(new RawEvent(envelope.eventId(), install ? "install" : "uninstall", event.integrationId(), event.widgetCode(),
                    event.ownerAccountId(), event.accountId(), event.language(), envelope.occurredAt().toString()));
            perDay.merge(new DayKey(event.integrationId(), event.language(), day),
                    new DayCount(event.integrationId(), event.language(), day, install ? 1 : 0, install ? 0 : 1),
                    DayCount::plus);
            if (install) {
                accounts.add(new DayAccount(event.integrationId(), event.language(), day, event.accountId()));
            }
            owners.put(event.integrationId(), new Owner(event.integrationId(), event.ownerAccountId(), event.widgetCode()));
        }
        store.insertRaw(raw);
        store.addToRollup(new ArrayList<>(perDay.values()));
        store.addAccounts(accounts);
        store.saveOwners(new ArrayList<>(owners.values()));
    }

    private record DayKey(UUID integrationId, String language, LocalDate day) {
    }
}
