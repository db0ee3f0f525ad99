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
import java.util.OptionalLong;
import java.util.UUID;

/** Accounts' installations of integrations. */
@ApplicationScoped
public class InstallationRepository {

    @Inject
    EntityManager entityManager;

    /** {@code generation} counts the pair's installs: each install starts a new one, a disable ends it. */
    public record Installation(UUID integrationId, long accountId, String language, boolean active, long generation,
            Instant installedAt) {
    }

    /** The row, locked for this transaction, so that two concurrent installs of the same pair take turns. */
    public Optional<Installation> lock(UUID integrationId, long accountId) {
        return rows(entityManager.createNativeQuery(COLUMNS + " WHERE integration_id = ?1 AND account_id = ?2 FOR UPDATE")
                .setParameter(1, integrationId).setParameter(2, accountId)).stream().findFirst();
    }

    /**
     * Installs, or re-activates a disabled installation as its next generation; answers that generation, or empty if
     * another transaction installed it first.
     */
    public OptionalLong activate(UUID integrationId, long accountId, String language, String subdomain, String user,
            Instant at) {
        return generation(entityManager.createNativeQuery("""
                        INSERT INTO installation (integration_id, account_id, language, account_subdomain, installed_by,
                                                  active, generation, installed_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, true, 1, ?6)
                        ON CONFLICT (integration_id, account_id) DO UPDATE SET language = excluded.language,
                            account_subdomain = excluded.account_subdomain, installed_by = excluded.installed_by,
                            active = true, generation = installation.generation + 1, installed_at = excluded.installed_at,
                            disabled_at = NULL
                        WHERE NOT installation.active
                        RETURNING generation""")
                .setParameter(1, integrationId).setParameter(2, accountId).setParameter(3, language)
                .setParameter(4, subdomain).setParameter(5, user).setParameter(6, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)));
    }

    /** Disables an active installation; answers the generation it ended, or empty if there was none. */
    public OptionalLong disable(UUID integrationId, long accountId, Instant at) {
        return generation(entityManager.createNativeQuery("""
                        UPDATE installation SET active = false, disabled_at = ?3
                        WHERE integration_id = ?1 AND account_id = ?2 AND active
                        RETURNING generation""")
                .setParameter(1, integrationId).setParameter(2, accountId)
                .setParameter(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)));
    }

    /** Removes every installation of an integration (it is being deleted); answers them as they were. */
    public List<Installation> removeAll(UUID integrationId) {
        return rows(entityManager.createNativeQuery("""
                        DELETE FROM installation WHERE integration_id = ?1
                        RETURNING integration_id, account_id, language, active, generation, installed_at""")
                .setParameter(1, integrationId));
    }

    private static OptionalLong generation(Query returning) {
        List<?> rows = returning.getResultList();
        return rows.isEmpty() ? OptionalLong.empty() : OptionalLong.of(((Number) rows.get(0)).longValue());
    }

    /** The account's active installations, newest first. */
    public List<Installation> active(long accountId) {
        return rows(entityManager.createNativeQuery(COLUMNS + " WHERE account_id = ?1 AND active ORDER BY installed_at DESC")
                .setParameter(1, accountId));
    }

    private static final String COLUMNS =
            "SELECT integration_id, account_id, language, active, generation, installed_at FROM installation";

    @SuppressWarnings("unchecked")
    private static List<Installation> rows(Query query) {
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Installation((UUID) r[0], ((Number) r[1]).longValue(), (String) r[2],
                (Boolean) r[3], ((Number) r[4]).longValue(), SqlValues.instant(r[5]))).toList();
    }
}
