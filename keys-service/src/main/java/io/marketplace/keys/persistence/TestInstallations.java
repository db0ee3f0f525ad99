package io.marketplace.keys.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;

/** The owners' own installations of their integrations, as integrations-service reports them. */
@ApplicationScoped
public class TestInstallations {

    @Inject
    EntityManager entityManager;

    public void installed(UUID clientId, long accountId, Instant at) {
        entityManager.createNativeQuery("""
                        INSERT INTO test_installation (client_id, account_id, installed, changed_at) VALUES (?1, ?2, true, ?3)
                        ON CONFLICT (client_id, account_id) DO UPDATE SET installed = true, changed_at = excluded.changed_at
                        WHERE test_installation.changed_at < excluded.changed_at""")
                .setParameter(1, clientId)
                .setParameter(2, accountId)
                .setParameter(3, at)
                .executeUpdate();
    }

    /** Only rows that exist change: a disable by any other account has nothing to record here. */
    public void disabled(UUID clientId, long accountId, Instant at) {
        entityManager.createNativeQuery("""
                        UPDATE test_installation SET installed = false, changed_at = ?3
                        WHERE client_id = ?1 AND account_id = ?2 AND changed_at < ?3""")
                .setParameter(1, clientId)
                .setParameter(2, accountId)
                .setParameter(3, at)
                .executeUpdate();
    }

    public boolean isInstalled(UUID clientId, long accountId) {
        return !entityManager.createNativeQuery(
                        "SELECT 1 FROM test_installation WHERE client_id = ?1 AND account_id = ?2 AND installed")
                .setParameter(1, clientId)
                .setParameter(2, accountId)
                .getResultList().isEmpty();
    }
}
