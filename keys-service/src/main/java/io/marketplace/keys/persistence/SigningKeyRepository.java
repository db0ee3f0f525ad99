package io.marketplace.keys.persistence;

import io.marketplace.platform.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

@ApplicationScoped
public class SigningKeyRepository {

    public record StoredKey(String kid, String privateKeyEnc, byte[] publicKey, Instant createdAt) {

        static StoredKey read(ResultSet row) throws SQLException {
            return new StoredKey(row.getString(1), row.getString(2), row.getBytes(3), Jdbc.instant(row, 4));
        }
    }

    @Inject
    DataSource dataSource;

    public Optional<StoredKey> active() {
        return Jdbc.first(dataSource, "SELECT kid, private_key_enc, public_key, created_at FROM signing_key WHERE active",
                StoredKey::read);
    }

    /** The keys whose signatures may still be presented: the active one and those with unexpired tokens. */
    public List<StoredKey> published() {
        return Jdbc.list(dataSource, """
                SELECT kid, private_key_enc, public_key, created_at FROM signing_key
                WHERE active OR last_expiry > now() ORDER BY created_at DESC""", StoredKey::read);
    }

    /**
     * Activates the first key, unless one is active already: replicas starting together on a fresh database each try,
     * and one of them wins.
     */
    public void activateFirst(StoredKey key) {
        Jdbc.update(dataSource, """
                        INSERT INTO signing_key (kid, private_key_enc, public_key, created_at, active, last_expiry)
                        VALUES (?, ?, ?, now(), true, now())
                        ON CONFLICT (active) WHERE active DO NOTHING""",
                key.kid(), key.privateKeyEnc(), key.publicKey());
    }

    /** Retires the active key (keeping it published until {@code stillValidUntil}) and activates a new one. */
    public void replaceActive(StoredKey next, Instant stillValidUntil) {
        Jdbc.update(dataSource, "UPDATE signing_key SET active = false, last_expiry = greatest(last_expiry, ?) WHERE active",
                stillValidUntil);
        Jdbc.update(dataSource, """
                        INSERT INTO signing_key (kid, private_key_enc, public_key, created_at, active, last_expiry)
                        VALUES (?, ?, ?, now(), true, now())""",
                next.kid(), next.privateKeyEnc(), next.publicKey());
    }

    /** A long-lived token was signed with {@code kid}: keep the key published until it expires. */
    public void keepUntil(String kid, Instant expiry) {
        Jdbc.update(dataSource, "UPDATE signing_key SET last_expiry = greatest(last_expiry, ?) WHERE kid = ?", expiry, kid);
    }
}
