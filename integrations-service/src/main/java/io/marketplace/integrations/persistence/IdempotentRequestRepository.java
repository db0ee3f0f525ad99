package io.marketplace.integrations.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Answers already given to requests carrying an Idempotency-Key, per version. */
@ApplicationScoped
public class IdempotentRequestRepository {

    public record Stored(String bodySha256, String response) {
    }

    @Inject
    EntityManager entityManager;

    public Optional<Stored> find(UUID versionId, String key) {
        List<?> rows = entityManager.createNativeQuery(
                        "SELECT body_sha256, CAST(response AS text) FROM idempotent_request WHERE version_id = ?1 AND key = ?2")
                .setParameter(1, versionId)
                .setParameter(2, key)
                .getResultList();
        return rows.stream().findFirst().map(row -> new Stored((String) ((Object[]) row)[0], (String) ((Object[]) row)[1]));
    }

    /** Records the answer; answers false when a concurrent request with the same key recorded one first. */
    public boolean record(UUID versionId, String key, String bodySha256, int status, String response) {
        return entityManager.createNativeQuery("""
                        INSERT INTO idempotent_request (version_id, key, body_sha256, status, response)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb)) ON CONFLICT DO NOTHING""")
                .setParameter(1, versionId)
                .setParameter(2, key)
                .setParameter(3, bodySha256)
                .setParameter(4, status)
                .setParameter(5, response)
                .executeUpdate() == 1;
    }
}
