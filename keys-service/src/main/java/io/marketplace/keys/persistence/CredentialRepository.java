package io.marketplace.keys.persistence;

import io.marketplace.platform.persistence.Jdbc;
import io.marketplace.platform.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** An integration's secret key, webhook secrets and owner, as stored. */
@ApplicationScoped
public class CredentialRepository {

    /** A registered client; {@code scope} is its scopes space-separated, as OAuth writes them. */
    public record Client(UUID clientId, long ownerAccountId, String widgetCode, String redirectUri, String secretEnc,
            Instant secretRotatedAt, String scope) {
    }

    public record WebhookSecret(String secretEnc, Instant createdAt, Instant expiresAt) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    DataSource dataSource;

    /** Read at every token request (the client authenticates), hence through {@link Jdbc}. */
    public Optional<Client> client(UUID clientId) {
        return Jdbc.first(dataSource, """
                        SELECT r.client_id, r.owner_account_id, r.widget_code, r.redirect_uri, s.secret_enc, s.rotated_at,
                               array_to_string(r.scopes, ' ')
                        FROM client_registration r LEFT JOIN client_secret s ON s.client_id = r.client_id
                        WHERE r.client_id = ?""",
                row -> new Client(row.getObject(1, UUID.class), row.getLong(2), row.getString(3), row.getString(4),
                        row.getString(5), SqlValues.instant(row.getObject(6, OffsetDateTime.class)), row.getString(7)),
                clientId);
    }

    /** The integration's scopes as a space-separated OAuth scope. */
    public String scopes(UUID clientId) {
        return (String) entityManager.createNativeQuery(
                        "SELECT array_to_string(scopes, ' ') FROM client_registration WHERE client_id = ?1")
                .setParameter(1, clientId).getSingleResult();
    }

    public boolean hasSecret(UUID clientId) {
        return !entityManager.createNativeQuery("SELECT 1 FROM client_secret WHERE client_id = ?1")
                .setParameter(1, clientId).getResultList().isEmpty();
    }

    public void saveSecret(UUID clientId, String secretEnc) {
        entityManager.createNativeQuery("""
                        INSERT INTO client_secret (client_id, secret_enc, rotated_at) VALUES (?1, ?2, now())
                        ON CONFLICT (client_id) DO UPDATE SET secret_enc = excluded.secret_enc, rotated_at = now()""")
                .setParameter(1, clientId)
                .setParameter(2, secretEnc)
                .executeUpdate();
    }

    /** Adds a new current webhook secret; the previous current one expires after {@code overlapUntil}. */
    public void addWebhookSecret(UUID clientId, String secretEnc, Instant overlapUntil) {
        entityManager.createNativeQuery(
                        "UPDATE webhook_secret SET expires_at = ?2 WHERE client_id = ?1 AND expires_at IS NULL")
                .setParameter(1, clientId)
                .setParameter(2, OffsetDateTime.ofInstant(overlapUntil, ZoneOffset.UTC))
                .executeUpdate();
        entityManager.createNativeQuery(
                        "INSERT INTO webhook_secret (client_id, secret_enc, created_at) VALUES (?1, ?2, now())")
                .setParameter(1, clientId)
                .setParameter(2, secretEnc)
                .executeUpdate();
    }

    /** The current webhook secret first, then the rotated-out ones still signing. */
    @SuppressWarnings("unchecked")
    public List<WebhookSecret> liveWebhookSecrets(UUID clientId) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT secret_enc, created_at, expires_at FROM webhook_secret
                        WHERE client_id = ?1 AND (expires_at IS NULL OR expires_at > now())
                        ORDER BY expires_at DESC NULLS FIRST, id DESC""")
                .setParameter(1, clientId)
                .getResultList();
        return rows.stream()
                .map(c -> new WebhookSecret((String) c[0], SqlValues.instant(c[1]), SqlValues.instant(c[2])))
                .toList();
    }
}
