package io.marketplace.stats.persistence;

import io.marketplace.platform.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads statistics from the per-day tables only; raw events are never scanned. */
@ApplicationScoped
public class StatsRepository {

    @Inject
    DataSource dataSource;

    public record DayTotals(int installs, int uninstalls) {
    }

    public Optional<InstallEventRepository.Owner> owner(UUID integrationId) {
        return Jdbc.first(dataSource, "SELECT owner_account_id, widget_code FROM integration_owner WHERE integration_id = ?",
                row -> new InstallEventRepository.Owner(integrationId, row.getLong(1), row.getString(2)), integrationId);
    }

    public List<String> languages(UUID integrationId) {
        return Jdbc.list(dataSource, "SELECT DISTINCT language FROM daily_installs WHERE integration_id = ? ORDER BY language",
                row -> row.getString(1), integrationId);
    }

    /** Installs and uninstalls per day of the range, for one language or (null) all of them. */
    public Map<LocalDate, DayTotals> days(UUID integrationId, String language, LocalDate from, LocalDate to) {
        Map<LocalDate, DayTotals> days = new TreeMap<>();
        Jdbc.list(dataSource, """
                        SELECT day, sum(installs), sum(uninstalls) FROM daily_installs
                        WHERE integration_id = ? AND day BETWEEN ? AND ? AND (CAST(? AS text) IS NULL OR language = ?)
                        GROUP BY day""",
                row -> Map.entry(row.getObject(1, LocalDate.class), new DayTotals(row.getInt(2), row.getInt(3))),
                integrationId, from, to, language, language)
                .forEach(day -> days.put(day.getKey(), day.getValue()));
        return days;
    }

    /** Installs minus uninstalls from the very first day up to {@code to}: installations active at its end. */
    public long activeAt(UUID integrationId, String language, LocalDate to) {
        return Jdbc.first(dataSource, """
                        SELECT coalesce(sum(installs - uninstalls), 0) FROM daily_installs
                        WHERE integration_id = ? AND day <= ? AND (CAST(? AS text) IS NULL OR language = ?)""",
                row -> row.getLong(1), integrationId, to, language, language).orElseThrow();
    }

    public long distinctAccounts(UUID integrationId, String language, LocalDate from, LocalDate to) {
        return Jdbc.first(dataSource, """
                        SELECT count(DISTINCT account_id) FROM daily_accounts
                        WHERE integration_id = ? AND day BETWEEN ? AND ? AND (CAST(? AS text) IS NULL OR language = ?)""",
                row -> row.getLong(1), integrationId, from, to, language, language).orElseThrow();
    }
}
