package io.marketplace.webhooks.persistence;

import io.marketplace.platform.persistence.InstallationStateRepository.Pair;
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
public class DeliveryRepository {

    @Inject
    EntityManager entityManager;

    /** {@code cancelledBecause}: null for a delivery to make, otherwise why it is stored as cancelled. */
    public record NewDelivery(UUID id, UUID integrationId, long ownerAccountId, long accountId, long generation, String kind,
            String url, String referer, String state, String endpoint, String cancelledBecause) {
    }

    /** A job this replica holds until {@code attempt} is recorded or the lease runs out. */
    public record Leased(UUID id, UUID integrationId, long accountId, long generation, String kind, String url,
            String referer, String state, String endpoint, int attempt, int roundAttempt) {
    }

    public record Candidate(UUID id, String endpoint) {
    }

    public record Attempt(int number, Instant startedAt, String url, AttemptOutcome outcome, Integer statusCode, Integer latencyMs,
            String error) {
    }

    public record Delivery(UUID id, UUID integrationId, long accountId, long generation, String kind, String url,
            DeliveryStatus status, int attempts, Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt,
            Instant updatedAt) {
    }

    public void insert(List<NewDelivery> deliveries) {
        entityManager.createNativeQuery("""
                        INSERT INTO delivery (id, integration_id, owner_account_id, account_id, kind, url, referer, state,
                                              endpoint, generation, last_error, status, next_attempt_at)
                        SELECT *, CASE WHEN reason IS NULL THEN 'pending' ELSE 'cancelled' END, now()
                        FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS uuid[]), CAST(?3 AS bigint[]),
                            CAST(?4 AS bigint[]), CAST(?5 AS text[]), CAST(?6 AS text[]), CAST(?7 AS text[]),
                            CAST(?8 AS text[]), CAST(?9 AS text[]), CAST(?10 AS bigint[]), CAST(?11 AS text[]))
                            AS d(id, integration_id, owner_account_id, account_id, kind, url, referer, state, endpoint,
                                 generation, reason)
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
                .setParameter(10, deliveries.stream().map(NewDelivery::generation).toArray(Long[]::new))
                .setParameter(11, deliveries.stream().map(NewDelivery::cancelledBecause).toArray(String[]::new))
                .executeUpdate();
    }

    /** Forgets every delivery of the integration, with its attempts; one being sent now is not recorded. */
    public void deleteAll(UUID integrationId) {
        entityManager.createNativeQuery("DELETE FROM delivery WHERE integration_id = ?1")
                .setParameter(1, integrationId)
                .executeUpdate();
    }

    /** Cancels each pair's code deliveries not yet sent, of its given generation or an earlier one. */
    public void cancelCodeDeliveries(Map<Pair, Long> throughGeneration, String reason) {
        if (throughGeneration.isEmpty()) {
            return;
        }
        List<Pair> pairs = List.copyOf(throughGeneration.keySet());
        entityManager.createNativeQuery("""
                        UPDATE delivery d SET status = 'cancelled', last_error = ?4, updated_at = now()
                        FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS bigint[]), CAST(?3 AS bigint[])) AS p(i, a, g)
                        WHERE d.integration_id = p.i AND d.account_id = p.a AND d.generation <= p.g
                          AND d.kind = 'installed' AND d.status = 'pending'""")
                .setParameter(1, pairs.stream().map(pair -> pair.integrationId().toString()).toArray(String[]::new))
                .setParameter(2, pairs.stream().map(Pair::accountId).toArray(Long[]::new))
                .setParameter(3, pairs.stream().map(throughGeneration::get).toArray(Long[]::new))
                .setParameter(4, reason)
                .executeUpdate();
    }

    /** For each pair, the latest generation whose code was delivered or is being sent now; absent if none. */
    @SuppressWarnings("unchecked")
    public Map<Pair, Long> latestCodeSent(Collection<Pair> pairs) {
        if (pairs.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT d.integration_id, d.account_id, max(d.generation) FROM delivery d
                        JOIN unnest(CAST(?1 AS uuid[]), CAST(?2 AS bigint[])) AS p(i, a)
                          ON d.integration_id = p.i AND d.account_id = p.a
                        WHERE d.kind = 'installed' AND (d.status = 'delivered' OR d.leased_until > now())
                        GROUP BY d.integration_id, d.account_id""")
                .setParameter(1, pairs.stream().map(pair -> pair.integrationId().toString()).toArray(String[]::new))
                .setParameter(2, pairs.stream().map(Pair::accountId).toArray(Long[]::new))
                .getResultList();
        Map<Pair, Long> latest = new HashMap<>();
        rows.forEach(row -> latest.put(new Pair((UUID) row[0], ((Number) row[1]).longValue()), ((Number) row[2]).longValue()));
        return latest;
    }

    /**
     * Due jobs to lease now, oldest first, locked for this transaction: at most {@code room} in all and, per endpoint,
     * its free slots ({@code freeSlots}, or {@code perEndpoint} for an endpoint with nothing in flight), so that only
     * rows about to be leased are locked. Two statements: choosing is a window query without locks, locking is a
     * plain one, so the recheck PostgreSQL makes on a row updated meanwhile stays cheap. Rows another replica is
     * leasing are skipped, and one it has just leased fails the recheck, so no job is taken twice. A job waits while
     * an earlier job of the same (integration, account) is pending or being sent: earlier means of an earlier
     * installation generation, or the code of the same one before its revoke notice.
     */
    @SuppressWarnings("unchecked")
    public List<Candidate> due(int room, Map<String, Integer> freeSlots, int perEndpoint) {
        commitWithoutWaitingForDisk();
        List<String> full = freeSlots.entrySet().stream().filter(e -> e.getValue() <= 0).map(Map.Entry::getKey).toList();
        List<Object> chosen = entityManager.createNativeQuery("""
                        SELECT CAST(id AS text) FROM (
                            SELECT id, endpoint, next_attempt_at,
                                   row_number() OVER (PARTITION BY endpoint ORDER BY next_attempt_at) AS place
                            FROM (SELECT id, endpoint, next_attempt_at FROM delivery d
                                  WHERE status = 'pending' AND next_attempt_at <= now()
                                    AND endpoint <> ALL(CAST(?1 AS text[]))
                                    AND NOT EXISTS (SELECT 1 FROM delivery earlier
                                        WHERE earlier.integration_id = d.integration_id AND earlier.account_id = d.account_id
                                          AND (earlier.generation < d.generation OR earlier.generation = d.generation
                                               AND earlier.kind = 'installed' AND d.kind = 'access_revoked')
                                          AND (earlier.status = 'pending' OR earlier.leased_until > now()))
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
                            next_attempt_at = now() + CAST(?2 AS interval), leased_until = now() + CAST(?2 AS interval),
                            updated_at = now()
                        WHERE id = ANY(CAST(?1 AS uuid[]))
                        RETURNING id, integration_id, account_id, generation, kind, url, referer, state, endpoint, attempts,
                                  round_attempts""")
                .setParameter(1, ids.stream().map(UUID::toString).toArray(String[]::new))
                .setParameter(2, lease.toMillis() + " milliseconds")
                .getResultList();
        return rows.stream().map(r -> new Leased((UUID) r[0], (UUID) r[1], ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8],
                ((Number) r[9]).intValue(), ((Number) r[10]).intValue())).toList();
    }

    /**
     * Records an attempt and the job's new state: {@code nextAttemptAt} null means final ({@code status}). A worker
     * that outlived its lease still logs its attempt, but leaves the job to whoever leased it next. A job cancelled
     * while its attempt was under way stays cancelled, unless that attempt delivered it.
     */
    public void finish(Leased job, Attempt attempt, DeliveryStatus status, Instant nextAttemptAt) {
        commitWithoutWaitingForDisk();
        entityManager.createNativeQuery("""
                        INSERT INTO delivery_attempt (delivery_id, number, started_at, url, outcome, status_code, latency_ms, error)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING""")
                .setParameter(1, job.id()).setParameter(2, attempt.number())
                .setParameter(3, OffsetDateTime.ofInstant(attempt.startedAt(), ZoneOffset.UTC))
                .setParameter(4, attempt.url()).setParameter(5, attempt.outcome().code)
                .setParameter(6, attempt.statusCode()).setParameter(7, attempt.latencyMs()).setParameter(8, attempt.error())
                .executeUpdate();
        entityManager.createNativeQuery("""
                        UPDATE delivery SET status = CASE WHEN status = 'cancelled' AND ?3 <> 'delivered' THEN status ELSE ?3 END,
                            next_attempt_at = coalesce(CAST(?4 AS timestamptz), next_attempt_at),
                            last_status_code = ?5,
                            last_error = CASE WHEN status = 'cancelled' AND ?3 <> 'delivered' THEN last_error ELSE ?6 END,
                            leased_until = NULL, updated_at = now()
                        WHERE id = ?1 AND attempts = ?2""")
                .setParameter(1, job.id()).setParameter(2, job.attempt()).setParameter(3, status.code)
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
                            next_attempt_at = now() + CAST(?3 AS interval), leased_until = NULL,
                            last_error = CASE WHEN status = 'cancelled' THEN last_error ELSE ?4 END, updated_at = now()
                        WHERE id = ?1 AND attempts = ?2""")
                .setParameter(1, job.id()).setParameter(2, job.attempt())
                .setParameter(3, delay.toMillis() + " milliseconds").setParameter(4, error)
                .executeUpdate();
    }

    /** Queues a finished delivery again, with a fresh retry schedule. False if it is pending or was cancelled. */
    public boolean requeue(UUID id) {
        return entityManager.createNativeQuery("""
                        UPDATE delivery SET status = 'pending', round_attempts = 0, next_attempt_at = now(), updated_at = now()
                        WHERE id = ?1 AND status NOT IN ('pending', 'cancelled')""")
                .setParameter(1, id).executeUpdate() == 1;
    }

    public Optional<Delivery> find(UUID integrationId, long ownerAccountId, UUID id) {
        return select(integrationId, ownerAccountId, id, null, null, null, 1, 0).stream().findFirst();
    }

    /** The integration's deliveries, newest first, optionally of one status and created within [from, to). */
    public List<Delivery> page(UUID integrationId, long ownerAccountId, DeliveryStatus status, Instant from, Instant to, int limit,
            int offset) {
        return select(integrationId, ownerAccountId, null, status, from, to, limit, offset);
    }

    @SuppressWarnings("unchecked")
    private List<Delivery> select(UUID integrationId, long owner, UUID id, DeliveryStatus status, Instant from, Instant to,
            int limit, int offset) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT id, integration_id, account_id, generation, kind, url, status, attempts, next_attempt_at,
                               last_status_code, last_error, created_at, updated_at
                        FROM delivery
                        WHERE integration_id = ?1 AND owner_account_id = ?2
                          AND (CAST(?3 AS uuid) IS NULL OR id = CAST(?3 AS uuid))
                          AND (CAST(?4 AS text) IS NULL OR status = ?4)
                          AND (CAST(?5 AS timestamptz) IS NULL OR created_at >= ?5)
                          AND (CAST(?6 AS timestamptz) IS NULL OR created_at < ?6)
                        ORDER BY created_at DESC, id LIMIT ?7 OFFSET ?8""")
                .setParameter(1, integrationId).setParameter(2, owner)
                .setParameter(3, id == null ? null : id.toString())
                .setParameter(4, status == null ? null : status.code)
                .setParameter(5, from == null ? null : OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .setParameter(6, to == null ? null : OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .setParameter(7, limit).setParameter(8, offset)
                .getResultList();
        return rows.stream().map(r -> new Delivery((UUID) r[0], (UUID) r[1], ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), (String) r[4], (String) r[5], DeliveryStatus.of((String) r[6]).orElseThrow(),
                ((Number) r[7]).intValue(),
                SqlValues.instant(r[8]), r[9] == null ? null : ((Number) r[9]).intValue(), (String) r[10],
                SqlValues.instant(r[11]), SqlValues.instant(r[12]))).toList();
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
                ((Number) r[1]).intValue(), SqlValues.instant(r[2]), (String) r[3], AttemptOutcome.of((String) r[4]),
                r[5] == null ? null : ((Number) r[5]).intValue(), r[6] == null ? null : ((Number) r[6]).intValue(),
                (String) r[7])));
        return attempts;
    }
}
