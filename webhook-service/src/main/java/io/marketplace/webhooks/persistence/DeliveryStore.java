package io.marketplace.webhooks.persistence;

import io.marketplace.platform.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The delivery table: accepted jobs, leases, outcomes and the attempt log. Runs in its callers' transactions. */
@ApplicationScoped
public class DeliveryStore {

    @Inject
    EntityManager entityManager;

    public record NewDelivery(UUID id, UUID integrationId, long ownerAccountId, long accountId, String kind, String url,
            String referer, String state, String endpoint) {
    }

    /** A job this replica holds until {@code attempt} is recorded or the lease runs out. */
    public record Leased(UUID id, UUID integrationId, long accountId, String kind, String url, String referer,
            String state, String endpoint, int attempt, int roundAttempt) {
    }

    public record Candidate(UUID id, String endpoint) {
    }

    public record Attempt(int number, Instant startedAt, String url, String outcome, Integer statusCode, Integer latencyMs,
            String error) {
    }

    public record Delivery(UUID id, UUID integrationId, long accountId, String kind, String url, String status, int attempts,
            Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt, Instant updatedAt) {
    }

    public void insert(List<NewDelivery> deliveries) {
        entityManager.createNativeQuery("""
                        INSERT INTO delivery (id, integration_id, owner_account_id, account_id, kind, url, referer, state,
                                              endpoint, status, next_attempt_at)
                        SELECT *, 'pending', now() FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS uuid[]), CAST(?3 AS bigint[]),
                            CAST(?4 AS bigint[]), CAST(?5 AS text[]), CAST(?6 AS text[]), CAST(?7 AS text[]),
                            CAST(?8 AS text[]), CAST(?9 AS text[]))
                        ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, deliveries.stream().map(d -> d.id().toString()).toArray(String[]::new))
                .setParameter(2, deliveries.stream().map(d -> d.integrationId().toString()).toArray(String[]::new))
                .setParameter(3, deliveries.stream().map(NewDelivery::ownerAccountId).toArray(Long[]::new))
                .setParameter(4, deliveries.stream().map(NewDelivery::accountId).toArray(Long[]::new))
                .setParameter(5, deliveries.stream().map(NewDelivery::kind).toArray(String[]::new))
                .setParameter(6, deliveries.stream().map(NewDelivery::url).toArray(String[]::new))
                .setParameter(7, deliveries.stream().map(NewDelivery::referer).toArray(String[]::new))
                .setParameter(8, deliveries.stream().map(NewDelivery::state).toArray(String[]::new))
                .setParameter(9, deliveries.stream().map(NewDelivery::endpoint).toArray(String[]::new))
                .executeUpdate();
    }

    /**
     * Due jobs to lease now, oldest first, locked for this transaction: at most {@code room} in all and, per endpoint,
     * its free slots ({@code freeSlots}, or {@code perEndpoint} for an endpoint with nothing in flight), so that only
     * rows about to be leased are locked. Two statements: choosing is a window query without locks, locking is a
     * plain one, so the recheck PostgreSQL makes on a row updated meanwhile stays cheap. Rows another replica is
     * leasing are skipped, and one it has just leased fails the recheck, so no job is taken twice.
     */
    @SuppressWarnings("unchecked")
    public List<Candidate> due(int room, Map<String, Integer> freeSlots, int perEndpoint) {
        commitWithoutWaitingForDisk();
        List<String> full = freeSlots.entrySet().stream().filter(e -> e.getValue() <= 0).map(Map.Entry::getKey).toList();
        List<Object> chosen = entityManager.createNativeQuery("""
                        SELECT CAST(id AS text) FROM (
                            SELECT id, endpoint, next_attempt_at,
                                   row_number() OVER (PARTITION BY endpoint ORDER BY next_attempt_at) AS place
                            FROM (SELECT id, endpoint, next_attempt_at FROM delivery
                                  WHERE status = 'pending' AND next_attempt_at <= now()
                                    AND endpoint <> ALL(CAST(?1 AS text[]))
                                  ORDER BY next_attempt_at LIMIT ?2) AS oldest
                        ) AS ranked
                        WHERE place <= coalesce((SELECT slots FROM unnest(CAST(?3 AS text[]), CAST(?4 AS integer[]))
                                                     AS free(endpoint, slots) WHERE free.endpoint = ranked.endpoint), ?5)
                        ORDER BY next_attempt_at LIMIT ?6""")
                .setParameter(1, full.toArray(String[]::new))
                .setParameter(2, Math.max(room * 4, 100))
                .setParameter(3, freeSlots.keySet().toArray(String[]::new))
                .setParameter(4, freeSlots.values().toArray(Integer[]::new))
                .setParameter(5, perEndpoint)
                .setParameter(6, room)
                .getResultList();
        if (chosen.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT id, endpoint FROM delivery
                        WHERE id = ANY(CAST(?1 AS uuid[])) AND status = 'pending' AND next_attempt_at <= now()
                        FOR UPDATE SKIP LOCKED""")
                .setParameter(1, chosen.toArray(String[]::new))
                .getResultList();
        return rows.stream().map(row -> new Candidate((UUID) row[0], (String) row[1])).toList();
    }

    /** Takes the jobs for one attempt each: counted, and due again only if the lease runs out. */
    @SuppressWarnings("unchecked")
    public List<Leased> lease(List<UUID> ids, Duration lease) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        UPDATE delivery SET attempts = attempts + 1, round_attempts = round_attempts + 1,
                            next_attempt_at = now() + CAST(?2 AS interval), updated_at = now()
                        WHERE id = ANY(CAST(?1 AS uuid[]))
                        RETURNING id, integration_id, account_id, kind, url, referer, state, endpoint, attempts, round_attempts""")
                .setParameter(1, ids.stream().map(UUID::toString).toArray(String[]::new))
                .setParameter(2, lease.toMillis() + " milliseconds")
                .getResultList();
        return rows.stream().map(r -> new Leased((UUID) r[0], (UUID) r[1], ((Number) r[2]).longValue(), (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], ((Number) r[8]).intValue(),
                ((Number) r[9]).intValue())).toList();
    }

    /**
     * Records an attempt and the job's new state: {@code nextAttemptAt} null means final ({@code status}). A worker
     * that outlived its lease still logs its attempt, but leaves the job to whoever leased it next.
     */
    public void finish(Leased job, Attempt attempt, String status, Instant nextAttemptAt) {
        commitWithoutWaitingForDisk();
        entityManager.createNativeQuery("""
                        INSERT INTO delivery_attempt (delivery_id, number, started_at, url, outcome, status_code, latency_ms, error)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING""")
                .setParameter(1, job.id()).setParameter(2, attempt.number())
                .setParameter(3, OffsetDateTime.ofInstant(attempt.startedAt(), ZoneOffset.UTC))
                .setParameter(4, attempt.url()).setParameter(5, attempt.outcome())
                .setParameter(6, attempt.statusCode()).setParameter(7, attempt.latencyMs()).setParameter(8, attempt.error())
                .executeUpdate();
        entityManager.createNativeQuery("""
                        UPDATE delivery SET status = ?3, next_attempt_at = coalesce(CAST(?4 AS timestamptz), next_attempt_at),
                            last_status_code = ?5, last_error = ?6, updated_at = now()
                        WHERE id = ?1 AND attempts = ?2""")
                .setParameter(1, job.id()).setParameter(2, job.attempt()).setParameter(3, status)
                .setParameter(4, nextAttemptAt == null ? null : OffsetDateTime.ofInstant(nextAttemptAt, ZoneOffset.UTC))
                .setParameter(5, attempt.statusCode()).setParameter(6, attempt.error())
                .executeUpdate();
    }

    /**
     * Leases and outcomes may commit without waiting for the WAL flush: should the database crash and lose the last
     * few of them, the jobs concerned are simply due again and sent once more, which at-least-once delivery allows.
     * Accepting a job never does this: a job is acknowledged only once it is on disk.
     */
    private void commitWithoutWaitingForDisk() {
        entityManager.createNativeQuery("SET LOCAL synchronous_commit = off").executeUpdate();
    }

    /** Gives a leased job back without counting the attempt: it could not be made (a neighbour was down). */
    public void putBack(Leased job, Duration delay, String error) {
        entityManager.createNativeQuery("""
                        UPDATE delivery SET attempts = attempts - 1, round_attempts = round_attempts - 1,
                            next_attempt_at = now() + CAST(?3 AS interval), last_error = ?4, updated_at = now()
                        WHERE id = ?1 AND attempts = ?2""")
                .setParameter(1, job.id()).setParameter(2, job.attempt())
                .setParameter(3, delay.toMillis() + " milliseconds").setParameter(4, error)
                .executeUpdate();
    }

    /** Queues a finished delivery again, with a fresh retry schedule. False if it is still pending. */
    public boolean requeue(UUID id) {
        return entityManager.createNativeQuery("""
                        UPDATE delivery SET status = 'pending', round_attempts = 0, next_attempt_at = now(), updated_at = now()
                        WHERE id = ?1 AND status <> 'pending'""")
                .setParameter(1, id).executeUpdate() == 1;
    }

    public Optional<Delivery> find(UUID integrationId, long ownerAccountId, UUID id) {
        return select(integrationId, ownerAccountId, id, null, null, null, 1, 0).stream().findFirst();
    }

    /** The integration's deliveries, newest first, optionally of one status and created within [from, to). */
    public List<Delivery> page(UUID integrationId, long ownerAccountId, String status, Instant from, Instant to, int limit,
            int offset) {
        return select(integrationId, ownerAccountId, null, status, from, to, limit, offset);
    }

    @SuppressWarnings("unchecked")
    private List<Delivery> select(UUID integrationId, long owner, UUID id, String status, Instant from, Instant to,
            int limit, int offset) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT id, integration_id, account_id, kind, url, status, attempts, next_attempt_at, last_status_code,
                               last_error, created_at, updated_at
                        FROM delivery
                        WHERE integration_id = ?1 AND owner_account_id = ?2
                          AND (CAST(?3 AS uuid) IS NULL OR id = CAST(?3 AS uuid))
                          AND (CAST(?4 AS text) IS NULL OR status = ?4)
                          AND (CAST(?5 AS timestamptz) IS NULL OR created_at >= ?5)
                          AND (CAST(?6 AS timestamptz) IS NULL OR created_at < ?6)
                        ORDER BY created_at DESC, id LIMIT ?7 OFFSET ?8""")
                .setParameter(1, integrationId).setParameter(2, owner)
                .setParameter(3, id == null ? null : id.toString())
                .setParameter(4, status)
                .setParameter(5, from == null ? null : OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .setParameter(6, to == null ? null : OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .setParameter(7, limit).setParameter(8, offset)
                .getResultList();
        return rows.stream().map(r -> new Delivery((UUID) r[0], (UUID) r[1], ((Number) r[2]).longValue(), (String) r[3],
                (String) r[4], (String) r[5], ((Number) r[6]).intValue(), SqlValues.instant(r[7]),
                r[8] == null ? null : ((Number) r[8]).intValue(), (String) r[9], SqlValues.instant(r[10]), SqlValues.instant(r[11]))).toList();
    }

    /** The attempt log of each delivery, in attempt order. */
    @SuppressWarnings("unchecked")
    public Map<UUID, List<Attempt>> attempts(Collection<UUID> deliveryIds) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT delivery_id, number, started_at, url, outcome, status_code, latency_ms, error FROM delivery_attempt
                        WHERE delivery_id = ANY(CAST(?1 AS uuid[])) ORDER BY delivery_id, number""")
                .setParameter(1, deliveryIds.stream().map(UUID::toString).toArray(String[]::new)).getResultList();
        Map<UUID, List<Attempt>> attempts = new HashMap<>();
        rows.forEach(r -> attempts.computeIfAbsent((UUID) r[0], id -> new ArrayList<>()).add(new Attempt(
                ((Number) r[1]).intValue(), SqlValues.instant(r[2]), (String) r[3], (String) r[4],
                r[5] == null ? null : ((Number) r[5]).intValue(), r[6] == null ? null : ((Number) r[6]).intValue(),
                (String) r[7])));
        return attempts;
    }
}
