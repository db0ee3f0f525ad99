package io.marketplace.stats.persistence;

import io.marketplace.platform.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes a batch of install/uninstall events: raw rows, the per-day rollup and the per-day accounts, a statement each.
 * The upserts lock their rows in key order (ORDER BY) and every batch runs the same statements in the same order,
 * so concurrent batches touching the same days queue up instead of deadlocking. Plain JDBC: no entity maps these
 * tables.
 */
@ApplicationScoped
public class InstallEventRepository {

    @Inject
    DataSource dataSource;

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
        Jdbc.update(dataSource, """
                        INSERT INTO install_event
                            (event_id, type, integration_id, widget_code, owner_account_id, account_id, language, occurred_at)
                        SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS uuid[]), CAST(? AS text[]),
                                             CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]),
                                             CAST(? AS timestamptz[]))
                        ON CONFLICT DO NOTHING""",
                Jdbc.array(events, RawEvent::eventId),
                Jdbc.array(events, RawEvent::type),
                Jdbc.array(events, RawEvent::integrationId),
                Jdbc.array(events, RawEvent::widgetCode),
                Jdbc.array(events, RawEvent::ownerAccountId),
                Jdbc.array(events, RawEvent::accountId),
                Jdbc.array(events, RawEvent::language),
                Jdbc.array(events, RawEvent::occurredAt));
    }

    /** Adds the batch's counts to the rollup; counts of a day already there are summed, in the same transaction. */
    public void addToRollup(List<DayCount> counts) {
        Jdbc.update(dataSource, """
                        INSERT INTO daily_installs (integration_id, language, day, installs, uninstalls)
                        SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS date[]),
                                             CAST(? AS integer[]), CAST(? AS integer[]))
                        ORDER BY 1, 2, 3
                        ON CONFLICT (integration_id, language, day) DO UPDATE SET
                            installs = daily_installs.installs + excluded.installs,
                            uninstalls = daily_installs.uninstalls + excluded.uninstalls""",
                Jdbc.array(counts, DayCount::integrationId),
                Jdbc.array(counts, DayCount::language),
                Jdbc.array(counts, DayCount::day),
                Jdbc.array(counts, DayCount::installs),
                Jdbc.array(counts, DayCount::uninstalls));
    }

    public void addAccounts(List<DayAccount> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        Jdbc.update(dataSource, """
                        INSERT INTO daily_accounts (integration_id, language, day, account_id)
                        SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS date[]), CAST(? AS bigint[]))
                        ORDER BY 1, 2, 3, 4
                        ON CONFLICT DO NOTHING""",
                Jdbc.array(accounts, DayAccount::integrationId),
                Jdbc.array(accounts, DayAccount::language),
                Jdbc.array(accounts, DayAccount::day),
                Jdbc.array(accounts, DayAccount::accountId));
    }

    public void saveOwners(List<Owner> owners) {
        Jdbc.update(dataSource, """
                        INSERT INTO integration_owner (integration_id, owner_account_id, widget_code)
                        SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS bigint[]), CAST(? AS text[]))
                        ORDER BY 1
                        ON CONFLICT (integration_id) DO UPDATE SET owner_account_id = excluded.owner_account_id,
                            widget_code = excluded.widget_code, updated_at = now()""",
                Jdbc.array(owners, Owner::integrationId),
                Jdbc.array(owners, Owner::ownerAccountId),
                Jdbc.array(owners, Owner::widgetCode));
    }

    /** A deleted integration's statistics go with it: its owner, raw events, rollup and accounts. */
    public void forget(UUID integrationId) {
        for (String table : List.of("integration_owner", "install_event", "daily_installs", "daily_accounts")) {
            Jdbc.update(dataSource, "DELETE FROM " + table + " WHERE integration_id = ?", integrationId);
        }
    }
}
