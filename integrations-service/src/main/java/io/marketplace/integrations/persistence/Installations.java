package io.marketplace.integrations.persistence;

import io.marketplace.platform.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accounts' installations of integrations. */
@ApplicationScoped
public class Installations {

    @Inject
    EntityManager entityManager;

    public record Installation(UUID integrationId, long accountId, String language, boolean active, Instant installedAt) {
    }

    /** The row, locked for this transaction, so that two concurrent installs of the same pair take turns. */
    public Optional<Installation> lock(UUID integrationId, long accountId) {
        return rows(entityManager.createNativeQuery(COLUMNS + " WHERE integration_id = ?1 AND account_id = ?2 FOR UPDATE")
                .setParameter(1, integrationId).setParameter(2, accountId)).stream().findFirst();
    }

    /** Installs, or re-activates a disabled installation; false if another transaction installed it first. */
    public boolean activate(UUID integrationId, long accountId, String language, String subdomain, String user, Instant at) {
        return entityManager.createNativeQuery("""
                        INSERT INTO installation (integration_id, account_id, language, account_subdomain, installed_by,
                                                  active, installed_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, true, ?6)
                        ON CONFLICT (integration_id, account_id) DO UPDATE SET language = excluded.language,
                            account_subdomain = excluded.account_subdomain, installed_by = excluded.installed_by,
                            active = true, installed_at = excluded.installed_at, disabled_at = NULL
                        WHERE NOT installation.active""")
                .setParameter(1, integrationId).setParameter(2, accountId).setParameter(3, language)
                .setParameter(4, subdomain).setParameter(5, user).setParameter(6, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .executeUpdate() == 1;
    }

    /** Disables an active installation; false if there was none. */
    public boolean disable(UUID integrationId, long accountId, Instant at) {
        return entityManager.createNativeQuery("""
                        UPDATE installation SET active = false, disabled_at = ?3
                        WHERE integration_id = ?1 AND account_id = ?2 AND active""")
                .setParameter(1, integrationId).setParameter(2, accountId)
                .setParameter(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .executeUpdate() == 1;
    }

    /** The account's active installations, newest first. */
    public List<Installation> active(long accountId) {
        return rows(entityManager.createNativeQuery(COLUMNS + " WHERE account_id = ?1 AND active ORDER BY installed_at DESC")
                .setParameter(1, accountId));
    }

    private static final String COLUMNS = "SELECT integration_id, account_id, language, active, installed_at FROM installation";

    @SuppressWarnings("unchecked")
    private static List<Installation> rows(Query query) {
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Installation((UUID) r[0], ((Number) r[1]).longValue(), (String) r[2],
                (Boolean) r[3], SqlValues.instant(r[4]))).toList();
    }
}
