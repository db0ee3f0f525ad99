package io.marketplace.webhooks.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The redirect URLs to check, and what the last check found. */
@ApplicationScoped
public class RedirectWatchRepository {

    @Inject
    EntityManager entityManager;

    public record Watch(UUID integrationId, String url, String status) {
    }

    /**
     * An integration as integrations-service saved it: its owner and redirect URL; whether it is published (watched)
     * comes from {@link #save}.
     */
    public void learn(UUID integrationId, long ownerAccountId, String url) {
        entityManager.createNativeQuery("""
                        INSERT INTO redirect_watch (integration_id, owner_account_id, url, published) VALUES (?1, ?2, ?3, false)
                        ON CONFLICT (integration_id) DO UPDATE SET owner_account_id = excluded.owner_account_id,
                            url = excluded.url,
                            status = CASE WHEN redirect_watch.url = excluded.url THEN redirect_watch.status END""")
                .setParameter(1, integrationId).setParameter(2, ownerAccountId).setParameter(3, url)
                .executeUpdate();
    }

    public void forget(UUID integrationId) {
        entityManager.createNativeQuery("DELETE FROM redirect_watch WHERE integration_id = ?1")
                .setParameter(1, integrationId).executeUpdate();
    }

    /**
     * Whether the account owns the integration, as integrations-service told: when it was saved, or in the jobs about
     * it (which name the owner too).
     */
    public boolean owns(UUID integrationId, long accountId) {
        return !entityManager.createNativeQuery("""
                        SELECT 1 FROM redirect_watch WHERE integration_id = ?1 AND owner_account_id = ?2
                        UNION ALL
                        SELECT 1 FROM delivery WHERE integration_id = ?1 AND owner_account_id = ?2
                        LIMIT 1""")
                .setParameter(1, integrationId).setParameter(2, accountId).getResultList().isEmpty();
    }

    public void save(UUID integrationId, long ownerAccountId, String url, boolean published) {
        entityManager.createNativeQuery("""
                        INSERT INTO redirect_watch (integration_id, owner_account_id, url, published) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (integration_id) DO UPDATE SET owner_account_id = excluded.owner_account_id,
                            url = excluded.url, published = excluded.published,
                            -- a new URL has not been checked yet
                            status = CASE WHEN redirect_watch.url = excluded.url THEN redirect_watch.status END""")
                .setParameter(1, integrationId).setParameter(2, ownerAccountId).setParameter(3, url).setParameter(4, published)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<Watch> published() {
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT integration_id, url, status FROM redirect_watch WHERE published ORDER BY integration_id")
                .getResultList();
        return rows.stream().map(r -> new Watch((UUID) r[0], (String) r[1], (String) r[2])).toList();
    }

    /** Records a check of {@code url}; nothing if the integration's URL changed meanwhile (the new one is unchecked). */
    public boolean record(UUID integrationId, String url, String status, Instant checkedAt, String error) {
        return entityManager.createNativeQuery("""
                        UPDATE redirect_watch SET status = ?3, checked_at = ?4, error = ?5
                        WHERE integration_id = ?1 AND url = ?2""")
                .setParameter(1, integrationId).setParameter(2, url).setParameter(3, status)
                .setParameter(4, OffsetDateTime.ofInstant(checkedAt, ZoneOffset.UTC)).setParameter(5, error)
                .executeUpdate() == 1;
    }
}
