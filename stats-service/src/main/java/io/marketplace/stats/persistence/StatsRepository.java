package io.marketplace.stats.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Reads statistics from the per-day tables only; raw events are never scanned. */
@ApplicationScoped
public class StatsRepository {

    @Inject
    EntityManager entityManager;

    public record DayTotals(int installs, int uninstalls) {
    }

    public Optional<InstallEventRepository.Owner> owner(UUID integrationId) {
        List<?> rows = entityManager.createNativeQuery(
                        "SELECT owner_account_id, widget_code FROM integration_owner WHERE integration_id = ?1")
                .setParameter(1, integrationId).getResultList();
        return rows.stream().findFirst().map(row -> new InstallEventRepository.Owner(integrationId,
                ((Number) ((Object[]) row)[0]).longValue(), (String) ((Object[]) row)[1]));
    }

    @SuppressWarnings("unchecked")
    public List<String> languages(UUID integrationId) {
        return entityManager.createNativeQuery(
                        "SELECT DISTINCT language FROM daily_installs WHERE integration_id = ?1 ORDER BY language")
                .setParameter(1, integrationId).getResultList();
    }

    /** Installs and uninstalls per day of the range, for one language or (null) all of them. */
    @SuppressWarnings("unchecked")
    public Map<LocalDate, DayTotals> days(UUID integrationId, String language, LocalDate from, LocalDate to) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT day, sum(installs), sum(uninstalls) FROM daily_installs
                        WHERE integration_id = ?1 AND day BETWEEN ?2 AND ?3 AND (CAST(?4 AS text) IS NULL OR language = ?4)
                        GROUP BY day""")
                .setParameter(1, integrationId).setParameter(2, from).setParameter(3, to).setParameter(4, language)
                .getResultList();
        Map<LocalDate, DayTotals> days = new TreeMap<>();
        rows.forEach(row -> days.put(day(row[0]), new DayTotals(((Number) row[1]).intValue(), ((Number) row[2]).intValue())));
        return days;
    }

    /** Installs minus uninstalls from the very first day up to {@code to}: installations active at its end. */
    public long activeAt(UUID integrationId, String language, LocalDate to) {
        return ((Number) entityManager.createNativeQuery("""
                        SELECT coalesce(sum(installs - uninstalls), 0) FROM daily_installs
                        WHERE integration_id = ?1 AND day <= ?2 AND (CAST(?3 AS text) IS NULL OR language = ?3)""")
                .setParameter(1, integrationId).setParameter(2, to).setParameter(3, language)
                .getSingleResult()).longValue();
    }

    public long distinctAccounts(UUID integrationId, String language, LocalDate from, LocalDate to) {
        return ((Number) entityManager.createNativeQuery("""
                        SELECT count(DISTINCT account_id) FROM daily_accounts
                        WHERE integration_id = ?1 AND day BETWEEN ?2 AND ?3 AND (CAST(?4 AS text) IS NULL OR language = ?4)""")
                .setParameter(1, integrationId).setParameter(2, from).setParameter(3, to).setParameter(4, language)
                .getSingleResult()).longValue();
    }

    private static LocalDate day(Object value) {
        return value instanceof LocalDate date ? date : ((Date) value).toLocalDate();
    }
}
