package io.marketplace.stats.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Writes a batch of install/uninstall events: raw rows, the per-day rollup and the per-day accounts, a statement each.
 * The upserts lock their rows in key order (ORDER BY) and every batch runs the same statements in the same order,
 * so concurrent batches touching the same days queue up instead of deadlocking.
 */
@ApplicationScoped
public class InstallEventRepository {

    @Inject
    EntityManager entityManager;

    public record RawEvent(UUID eventId, String type, UUID integrationId, String widgetCode, long ownerAccountId,
            long accountId, String language, String occurredAt) {
    }

    public record DayCount(UUID integrationId, String language, LocalDate day, int installs, int uninstalls) {
        public DayCount plus(DayCount other) {
            return new DayCount(integrationId, language, day, installs + other.installs, uninstalls + other.uninstalls);
        }
    }

    public record DayAccount(UUID integrationId, String language, LocalDate day, long accountId) {
    }

    public record Owner(UUID integrationId, long ownerAccountId, String widgetCode) {
    }

    public void insertRaw(List<RawEvent> events) {
        entityManager.createNativeQuery("""
                        INSERT INTO install_event
                            (event_id, type, integration_id, widget_code, owner_account_id, account_id, language, occurred_at)
                        SELECT * FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS text[]), CAST(?3 AS uuid[]), CAST(?4 AS text[]),
                                             CAST(?5 AS bigint[]), CAST(?6 AS bigint[]), CAST(?7 AS text[]),
                                             CAST(?8 AS timestamptz[]))
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, events.stream().map(e -> e.eventId().toString()).toArray(String[]::new))
                .setParameter(2, events.stream().map(RawEvent::type).toArray(String[]::new))
                .setParameter(3, events.stream().map(e -> e.integrationId().toString()).toArray(String[]::new))
                .setParameter(4, events.stream().map(RawEvent::widgetCode).toArray(String[]::new))
                .setParameter(5, events.stream().map(RawEvent::ownerAccountId).toArray(Long[]::new))
                .setParameter(6, events.stream().map(RawEvent::accountId).toArray(Long[]::new))
                .setParameter(7, events.stream().map(RawEvent::language).toArray(String[]::new))
                .setParameter(8, events.stream().map(RawEvent::occurredAt).toArray(String[]::new))
                .executeUpdate();
    }

    /** Adds the batch's counts to the rollup; counts of a day already there are summed, in the same transaction. */
    public void addToRollup(List<DayCount> counts) {
        entityManager.createNativeQuery("""
                        INSERT INTO daily_installs (integration_id, language, day, installs, uninstalls)
                        SELECT * FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS text[]), CAST(?3 AS date[]),
                                             CAST(?4 AS integer[]), CAST(?5 AS integer[]))
                        ORDER BY 1, 2, 3
                        ON CONFLICT (integration_id, language, day) DO UPDATE SET
                            installs = daily_installs.installs + excluded.installs,
                            uninstalls = daily_installs.uninstalls + excluded.uninstalls""")
                .setParameter(1, counts.stream().map(c -> c.integrationId().toString()).toArray(String[]::new))
                .setParameter(2, counts.stream().map(DayCount::language).toArray(String[]::new))
                .setParameter(3, counts.stream().map(c -> c.day().toString()).toArray(String[]::new))
                .setParameter(4, counts.stream().map(DayCount::installs).toArray(Integer[]::new))
                .setParameter(5, counts.stream().map(DayCount::uninstalls).toArray(Integer[]::new))
                .executeUpdate();
    }

    public void addAccounts(List<DayAccount> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("""
                        INSERT INTO daily_accounts (integration_id, language, day, account_id)
                        SELECT * FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS text[]), CAST(?3 AS date[]), CAST(?4 AS bigint[]))
                        ORDER BY 1, 2, 3, 4
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, accounts.stream().map(a -> a.integrationId().toString()).toArray(String[]::new))
                .setParameter(2, accounts.stream().map(DayAccount::language).toArray(String[]::new))
                .setParameter(3, accounts.stream().map(a -> a.day().toString()).toArray(String[]::new))
                .setParameter(4, accounts.stream().map(DayAccount::accountId).toArray(Long[]::new))
                .executeUpdate();
    }

    public void saveOwners(List<Owner> owners) {
        entityManager.createNativeQuery("""
                        INSERT INTO integration_owner (integration_id, owner_account_id, widget_code)
                        SELECT * FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS bigint[]), CAST(?3 AS text[]))
                        ORDER BY 1
                        ON CONFLICT (integration_id) DO UPDATE SET owner_account_id = excluded.owner_account_id,
                            widget_code = excluded.widget_code, updated_at = now()""")
                .setParameter(1, owners.stream().map(o -> o.integrationId().toString()).toArray(String[]::new))
                .setParameter(2, owners.stream().map(Owner::ownerAccountId).toArray(Long[]::new))
                .setParameter(3, owners.stream().map(Owner::widgetCode).toArray(String[]::new))
                .executeUpdate();
    }
}
