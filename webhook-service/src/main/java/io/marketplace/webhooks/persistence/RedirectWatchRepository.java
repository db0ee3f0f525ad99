package io.marketplace.webhooks.persistence;

import io.marketplace.platform.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The redirect URLs to check, and what the last check found. */
@ApplicationScoped
public class RedirectWatchRepository {

    @Inject
    DataSource dataSource;

    public record Watch(UUID integrationId, String url, String status) {
    }

    /**
     * An integration as integrations-service saved it: its owner and redirect URL; whether it is published (watched)
     * comes from {@link #save}.
     */
    public void learn(UUID integrationId, long ownerAccountId, String url) {
        Jdbc.update(dataSource, """
                        INSERT INTO redirect_watch (integration_id, owner_account_id, url, published) VALUES (?, ?, ?, false)
                        ON CONFLICT (integration_id) DO UPDATE SET owner_account_id = excluded.owner_account_id,
                            url = excluded.url,
                            status = CASE WHEN redirect_watch.url = excluded.url THEN redirect_watch.status END""",
                integrationId, ownerAccountId, url);
    }

    public void forget(UUID integrationId) {
        Jdbc.update(dataSource, "DELETE FROM redirect_watch WHERE integration_id = ?", integrationId);
    }

    /**
     * Whether the account owns the integration, as integrations-service told: when it was saved, or in the jobs about
     * it (which name the owner too).
     */
    public boolean owns(UUID integrationId, long accountId) {
        return Jdbc.exists(dataSource, """
                        SELECT 1 FROM redirect_watch WHERE integration_id = ? AND owner_account_id = ?
                        UNION ALL
                        SELECT 1 FROM delivery WHERE integration_id = ? AND owner_account_id = ?
                        LIMIT 1""",
                integrationId, accountId, integrationId, accountId);
    }

    public void save(UUID integrationId, long ownerAccountId, String url, boolean published) {
        Jdbc.update(dataSource, """
                        INSERT INTO redirect_watch (integration_id, owner_account_id, url, published) VALUES (?, ?, ?, ?)
                        ON CONFLICT (integration_id) DO UPDATE SET owner_account_id = excluded.owner_account_id,
                            url = excluded.url, published = excluded.published,
                            -- a new URL has not been checked yet
                            status = CASE WHEN redirect_watch.url = excluded.url THEN redirect_watch.status END""",
                integrationId, ownerAccountId, url, published);
    }

    public List<Watch> published() {
        return Jdbc.list(dataSource,
                "SELECT integration_id, url, status FROM redirect_watch WHERE published ORDER BY integration_id",
                row -> new Watch(row.getObject(1, UUID.class), row.getString(2), row.getString(3)));
    }

    /** Records a check of {@code url}; nothing if the integration's URL changed meanwhile (the new one is unchecked). */
    public boolean record(UUID integrationId, String url, String status, Instant checkedAt, String error) {
        return Jdbc.update(dataSource, """
                        UPDATE redirect_watch SET status = ?, checked_at = ?, error = ?
                        WHERE integration_id = ? AND url = ?""",
                status, checkedAt, error, integrationId, url) == 1;
    }
}
