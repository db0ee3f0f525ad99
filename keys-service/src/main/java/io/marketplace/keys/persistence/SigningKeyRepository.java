package io.marketplace.keys.persistence;

import io.marketplace.platform.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SigningKeyRepository {

    public record StoredKey(String kid, String privateKeyEnc, byte[] publicKey, Instant createdAt) {
    }

    @Inject
    EntityManager entityManager;

    public Optional<StoredKey> active() {
        return keys("SELECT kid, private_key_enc, public_key, created_at FROM signing_key WHERE active").stream().findFirst();
    }

    /** The keys whose signatures may still be presented: the active one and those with unexpired tokens. */
    public List<StoredKey> published() {
        return keys("""
                SELECT kid, private_key_enc, public_key, created_at FROM signing_key
                WHERE active OR last_expiry > now() ORDER BY created_at DESC""");
    }

    /**
     * Activates the first key, unless one is active already: replicas starting together on a fresh database each try,
     * and one of them wins.
     */
    public void activateFirst(StoredKey key) {
        entityManager.createNativeQuery("""
                        INSERT INTO signing_key (kid, private_key_enc, public_key, created_at, active, last_expiry)
                        VALUES (?1, ?2, ?3, now(), true, now())
                        ON CONFLICT (active) WHERE active DO NOTHING""")
                .setParameter(1, key.kid())
                .setParameter(2, key.privateKeyEnc())
                .setParameter(3, key.publicKey())
                .executeUpdate();
    }

    /** Retires the active key (keeping it published until {@code stillValidUntil}) and activates a new one. */
    public void replaceActive(StoredKey next, Instant stillValidUntil) {
        entityManager.createNativeQuery(
                        "UPDATE signing_key SET active = false, last_expiry = greatest(last_expiry, ?1) WHERE active")
                .setParameter(1, OffsetDateTime.ofInstant(stillValidUntil, ZoneOffset.UTC))
                .executeUpdate();
        entityManager.createNativeQuery("""
                        INSERT INTO signing_key (kid, private_key_enc, public_key, created_at, active, last_expiry)
                        VALUES (?1, ?2, ?3, now(), true, now())""")
                .setParameter(1, next.kid())
                .setParameter(2, next.privateKeyEnc())
                .setParameter(3, next.publicKey())
                .executeUpdate();
    }

    /** A long-lived token was signed with {@code kid}: keep the key published until it expires. */
    public void keepUntil(String kid, Instant expiry) {
        entityManager.createNativeQuery("UPDATE signing_key SET last_expiry = greatest(last_expiry, ?2) WHERE kid = ?1")
                .setParameter(1, kid)
                .setParameter(2, OffsetDateTime.ofInstant(expiry, ZoneOffset.UTC))
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<StoredKey> keys(String sql) {
        List<Object[]> rows = entityManager.createNativeQuery(sql).getResultList();
        return rows.stream().map(c -> new StoredKey((String) c[0], (String) c[1], (byte[]) c[2], SqlValues.instant(c[3])))
                .toList();
    }
}
