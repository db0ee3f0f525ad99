package io.marketplace.keys.persistence;

import io.marketplace.platform.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
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
    DataSource dataSource;

    /** Read at every token request (the client authenticates), hence through {@link Jdbc}. */
    public Optional<Client> client(UUID clientId) {
        return Jdbc.first(dataSource, """
                        SELECT r.client_id, r.owner_account_id, r.widget_code, r.redirect_uri, s.secret_enc, s.rotated_at,
                               array_to_string(r.scopes, ' ')
                        FROM client_registration r LEFT JOIN client_secret s ON s.client_id = r.client_id
                        WHERE r.client_id = ?""",
                row -> new Client(row.getObject(1, UUID.class), row.getLong(2), row.getString(3), row.getString(4),
                        row.getString(5), Jdbc.instant(row, 6), row.getString(7)),
                clientId);
    }

    /** The integration's scopes as a space-separated OAuth scope. */
    public String scopes(UUID clientId) {
        return Jdbc.first(dataSource, "SELECT array_to_string(scopes, ' ') FROM client_registration WHERE client_id = ?",
                row -> row.getString(1), clientId).orElseThrow();
    }

    public boolean hasSecret(UUID clientId) {
        return Jdbc.exists(dataSource, "SELECT 1 FROM client_secret WHERE client_id = ?", clientId);
    }

    public void saveSecret(UUID clientId, String secretEnc) {
        Jdbc.update(dataSource, """
                        INSERT INTO client_secret (client_id, secret_enc, rotated_at) VALUES (?, ?, now())
                        ON CONFLICT (client_id) DO UPDATE SET secret_enc = excluded.secret_enc, rotated_at = now()""",
                clientId, secretEnc);
    }

    /**
     * Adds a new current webhook secret; the previous current one expires after {@code overlapUntil}, and one rotated
     * out earlier and still signing stops now: at most two secrets sign, however often the client rotates (each signs
     * every webhook, and a second rotation in a row is how a developer drops a secret that leaked). The client's
     * rotations run one after the other (its registration's row held first): rotations at once each found the same
     * current secret to expire and left one current secret apiece.
     */
    public void addWebhookSecret(UUID clientId, String secretEnc, Instant overlapUntil) {
        Jdbc.first(dataSource, "SELECT 1 FROM client_registration WHERE client_id = ? FOR NO KEY UPDATE",
                row -> row.getInt(1), clientId);
        Jdbc.update(dataSource, """
                        UPDATE webhook_secret SET expires_at = CASE WHEN expires_at IS NULL THEN ? ELSE now() END
                        WHERE client_id = ? AND (expires_at IS NULL OR expires_at > now())""",
                overlapUntil, clientId);
        Jdbc.update(dataSource, "INSERT INTO webhook_secret (client_id, secret_enc, created_at) VALUES (?, ?, now())",
                clientId, secretEnc);
    }

    /** The current webhook secret first, then the rotated-out ones still signing. */
    public List<WebhookSecret> liveWebhookSecrets(UUID clientId) {
        return Jdbc.list(dataSource, """
                        SELECT secret_enc, created_at, expires_at FROM webhook_secret
                        WHERE client_id = ? AND (expires_at IS NULL OR expires_at > now())
                        ORDER BY expires_at DESC NULLS FIRST, id DESC""",
                row -> new WebhookSecret(row.getString(1), Jdbc.instant(row, 2), Jdbc.instant(row, 3)), clientId);
    }
}
