package io.marketplace.webhooks.persistence;

import io.marketplace.platform.persistence.InstallationStateRepository.Pair;
import io.marketplace.platform.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The delivery table: accepted jobs, leases, outcomes and the attempt log. Runs in its callers' transactions, in plain
 * JDBC: no entity maps these tables, and Hibernate's native queries cost more CPU than the statements themselves.
 */
@ApplicationScoped
public class DeliveryRepository {

    @Inject
    DataSource dataSource;

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
        Jdbc.update(dataSource, """
                        INSERT INTO delivery (id, integration_id, owner_account_id, account_id, kind, url, referer, state,
                                              endpoint, generation, last_error, status, next_attempt_at)
                        SELECT *, CASE WHEN reason IS NULL THEN 'pending' ELSE 'cancelled' END, now()
                        FROM unnest(CAST(? AS uuid[]), CAST(? AS uuid[]), CAST(? AS bigint[]),
                            CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                            CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[]))
                            AS d(id, integration_id, owner_account_id, account_id, kind, url, referer, state, endpoint,
                                 generation, reason)
                        ON CONFLICT (id) DO NOTHING""",
                Jdbc.array(deliveries, NewDelivery::id),
                Jdbc.array(deliveries, NewDelivery::integrationId),
                Jdbc.array(deliveries, NewDelivery::ownerAccountId),
                Jdbc.array(deliveries, NewDelivery::accountId),
                Jdbc.array(deliveries, NewDelivery::kind),
                Jdbc.array(deliveries, NewDelivery::url),
                Jdbc.array(deliveries, NewDelivery::referer),
                Jdbc.array(deliveries, NewDelivery::state),
                Jdbc.array(deliveries, NewDelivery::endpoint),
                Jdbc.array(deliveries, NewDelivery::generation),
                Jdbc.array(deliveries, NewDelivery::cancelledBecause));
    }

    /** Forgets every delivery of the integration, with its attempts; one being sent now is not recorded. */
    public void deleteAll(UUID integrationId) {
        Jdbc.update(dataSource, "DELETE FROM delivery WHERE integration_id = ?", integrationId);
    }

    /** Cancels each pair's code deliveries not yet sent, of its given generation or an earlier one. */
    public void cancelCodeDeliveries(Map<Pair, Long> throughGeneration, String reason) {
        if (throughGeneration.isEmpty()) {
            return;
        }
        List<Pair> pairs = List.copyOf(throughGeneration.keySet());
        Jdbc.update(dataSource, """
                        UPDATE delivery d SET status = 'cancelled', last_error = ?, updated_at = now()
                        FROM unnest(CAST(? AS uuid[]), CAST(? AS bigint[]), CAST(? AS bigint[])) AS p(i, a, g)
                        WHERE d.integration_id = p.i AND d.account_id = p.a AND d.generation <= p.g
                          AND d.kind = 'installed' AND d.status = 'pending'""", reason,
                Jdbc.array(pairs, Pair::integrationId),
                Jdbc.array(pairs, Pair::accountId),
                Jdbc.array(pairs, throughGeneration::get));
    }

    /** For each pair, the latest generation whose code was delivered or is being sent now; absent if none. */
    public Map<Pair, Long> latestCodeSent(Collection<Pair> pairs) {
        if (pairs.isEmpty()) {
            return Map.of();
        }
        Map<Pair, Long> latest = new HashMap<>();
        Jdbc.list(dataSource, """
                        SELECT d.integration_id, d.account_id, max(d.generation) FROM delivery d
                        JOIN unnest(CAST(? AS uuid[]), CAST(? AS bigint[])) AS p(i, a)
                          ON d.integration_id = p.i AND d.account_id = p.a
                        WHERE d.kind = 'installed' AND (d.status = 'delivered' OR d.leased_until > now())
                        GROUP BY d.integration_id, d.account_id""",
                        row -> Map.entry(new Pair(row.getObject(1, UUID.class), row.getLong(2)), row.getLong(3)),
                        Jdbc.array(pairs, Pair::integrationId),
                        Jdbc.array(pairs, Pair::accountId))
                .forEach(entry -> latest.put(entry.getKey(), entry.getValue()));
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
    public List<Candidate> due(int room, Map<String, Integer> freeSlots, int perEndpoint) {
        List<String> full = freeSlots.entrySet().stream().filter(e -> e.getValue() <= 0).map(Map.Entry::getKey).toList();
        List<String> chosen = Jdbc.list(dataSource, """
                        SELECT CAST(id AS text) FROM (
                            SELECT id, endpoint, next_attempt_at,
                                   row_number() OVER (PARTITION BY endpoint ORDER BY next_attempt_at) AS place
                            FROM (SELECT id, endpoint, next_attempt_at FROM delivery d
                                  WHERE status = 'pending' AND next_attempt_at <= now()
                                    AND endpoint <> ALL(CAST(? AS text[]))
                                    AND NOT EXISTS (SELECT 1 FROM delivery earlier
                                        WHERE earlier.integration_id = d.integration_id AND earlier.account_id = d.account_id
                                          AND (earlier.generation < d.generation OR earlier.generation = d.generation
                                               AND earlier.kind = 'installed' AND d.kind = 'access_revoked')
                                          AND (earlier.status = 'pending' OR earlier.leased_until > now()))
                                  ORDER BY next_attempt_at LIMIT ?) AS oldest
                        ) AS ranked
                        WHERE place <= coalesce((SELECT slots FROM unnest(CAST(? AS text[]), CAST(? AS integer[]))
                                                     AS free(endpoint, slots) WHERE free.endpoint = ranked.endpoint), ?)
                        ORDER BY next_attempt_at LIMIT ?""", row -> row.getString(1),
                Jdbc.array(full), Math.max(room * 4, 100), Jdbc.array(freeSlots.keySet()), Jdbc.array(freeSlots.values()),
                perEndpoint, room);
        if (chosen.isEmpty()) {
            return List.of();
        }
        return Jdbc.list(dataSource, """
                        SELECT id, endpoint FROM delivery
                        WHERE id = ANY(CAST(? AS uuid[])) AND status = 'pending' AND next_attempt_at <= now()
                        FOR UPDATE SKIP LOCKED""", row -> new Candidate(row.getObject(1, UUID.class), row.getString(2)),
                Jdbc.array(chosen));
    }

    /** Takes the jobs for one attempt each: counted, and due again only if the lease runs out. */
    public List<Leased> lease(List<UUID> ids, Duration lease) {
        // here rather than before the look for due jobs, which most often finds none and then writes nothing
        commitWithoutWaitingForDisk();
        String interval = lease.toMillis() + " milliseconds";
        return Jdbc.list(dataSource, """
                        UPDATE delivery SET attempts = attempts + 1, round_attempts = round_attempts + 1,
                            next_attempt_at = now() + CAST(? AS interval), leased_until = now() + CAST(? AS interval),
                            updated_at = now()
                        WHERE id = ANY(CAST(? AS uuid[]))
                        RETURNING id, integration_id, account_id, generation, kind, url, referer, state, endpoint, attempts,
                                  round_attempts""",
                r -> new Leased(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getLong(3), r.getLong(4),
                        r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getInt(10),
                        r.getInt(11)),
                interval, interval, Jdbc.array(ids));
    }

    /** An attempt made and the job's new state: {@code nextAttemptAt} null means final ({@code status}). */
    public record Finished(Leased job, Attempt attempt, DeliveryStatus status, Instant nextAttemptAt) {
    }

    /**
     * Records attempts and their jobs' new states, in one statement however many: the attempts' log rows and the jobs'
     * updates. A worker that outlived its lease still logs its attempt, but leaves the job to whoever leased it next. A
     * job cancelled while its attempt was under way stays cancelled, unless that attempt delivered it. The attempt of a
     * delivery deleted meanwhile (with its integration) has no log left to go to. Rows are taken in id order, as
     * another replica's batch takes them.
     */
    public void finish(List<Finished> finished) {
        commitWithoutWaitingForDisk();
        List<Finished> byId = finished.stream().sorted(Comparator.comparing((Finished f) -> f.job().id())
                .thenComparingInt(f -> f.attempt().number())).toList();
        List<Attempt> attempts = byId.stream().map(Finished::attempt).toList();
        String ids = Jdbc.array(byId, f -> f.job().id());
        String statusCodes = Jdbc.array(attempts, Attempt::statusCode);
        String errors = Jdbc.array(attempts, Attempt::error);
        Jdbc.update(dataSource, """
                        WITH logged AS (
                            INSERT INTO delivery_attempt (delivery_id, number, started_at, url, outcome, status_code,
                                                          latency_ms, error)
                            SELECT a.* FROM unnest(CAST(? AS uuid[]), CAST(? AS integer[]), CAST(? AS timestamptz[]),
                                                   CAST(? AS text[]), CAST(? AS text[]), CAST(? AS integer[]),
                                                   CAST(? AS integer[]), CAST(? AS text[]))
                                 AS a(delivery_id, number, started_at, url, outcome, status_code, latency_ms, error)
                            WHERE EXISTS (SELECT 1 FROM delivery d WHERE d.id = a.delivery_id)
                            ON CONFLICT DO NOTHING)
                        UPDATE delivery d
                        SET status = CASE WHEN d.status = 'cancelled' AND f.status <> 'delivered' THEN d.status ELSE f.status END,
                            next_attempt_at = coalesce(f.next_attempt_at, d.next_attempt_at),
                            last_status_code = f.status_code,
                            last_error = CASE WHEN d.status = 'cancelled' AND f.status <> 'delivered' THEN d.last_error ELSE f.error END,
                            leased_until = NULL, updated_at = now()
                        FROM unnest(CAST(? AS uuid[]), CAST(? AS integer[]), CAST(? AS text[]), CAST(? AS timestamptz[]),
                                    CAST(? AS integer[]), CAST(? AS text[]))
                             AS f(id, attempts, status, next_attempt_at, status_code, error)
                        WHERE d.id = f.id AND d.attempts = f.attempts""",
                ids, Jdbc.array(attempts, Attempt::number),
                Jdbc.array(attempts, Attempt::startedAt), Jdbc.array(attempts, Attempt::url),
                Jdbc.array(attempts, attempt -> attempt.outcome().code), statusCodes,
                Jdbc.array(attempts, Attempt::latencyMs), errors,
                ids, Jdbc.array(byId, f -> f.job().attempt()),
                Jdbc.array(byId, f -> f.status().code), Jdbc.array(byId, Finished::nextAttemptAt),
                statusCodes, errors);
    }

    /**
     * Leases and outcomes may commit without waiting for the WAL flush: should the database crash and lose the last
     * few of them, the jobs concerned are simply due again and sent once more, which at-least-once delivery allows.
     * Accepting a job never does this: a job is acknowledged only once it is on disk.
     */
    private void commitWithoutWaitingForDisk() {
        Jdbc.update(dataSource, "SET LOCAL synchronous_commit = off");
    }

    /** Gives a leased job back without counting the attempt: it could not be made (a neighbour was down). */
    public void putBack(Leased job, Duration delay, String error) {
        Jdbc.update(dataSource, """
                        UPDATE delivery SET attempts = attempts - 1, round_attempts = round_attempts - 1,
                            next_attempt_at = now() + CAST(? AS interval), leased_until = NULL,
                            last_error = CASE WHEN status = 'cancelled' THEN last_error ELSE ? END, updated_at = now()
                        WHERE id = ? AND attempts = ?""", delay.toMillis() + " milliseconds", error, job.id(), job.attempt());
    }

    /** Queues a finished delivery again, with a fresh retry schedule. False if it is pending or was cancelled. */
    public boolean requeue(UUID id) {
        return Jdbc.update(dataSource, """
                UPDATE delivery SET status = 'pending', round_attempts = 0, next_attempt_at = now(), updated_at = now()
                WHERE id = ? AND status NOT IN ('pending', 'cancelled')""", id) == 1;
    }

    public Optional<Delivery> find(UUID integrationId, long ownerAccountId, UUID id) {
        return select(integrationId, ownerAccountId, id, null, null, null, 1, 0).stream().findFirst();
    }

    /** The integration's deliveries, newest first, optionally of one status and created within [from, to). */
    public List<Delivery> page(UUID integrationId, long ownerAccountId, DeliveryStatus status, Instant from, Instant to, int limit,
            int offset) {
        return select(integrationId, ownerAccountId, null, status, from, to, limit, offset);
    }

    private List<Delivery> select(UUID integrationId, long owner, UUID id, DeliveryStatus status, Instant from, Instant to,
            int limit, int offset) {
        String statusCode = status == null ? null : status.code;
        return Jdbc.list(dataSource, """
                        SELECT id, integration_id, account_id, generation, kind, url, status, attempts, next_attempt_at,
                               last_status_code, last_error, created_at, updated_at
                        FROM delivery
                        WHERE integration_id = ? AND owner_account_id = ?
                          AND (CAST(? AS uuid) IS NULL OR id = CAST(? AS uuid))
                          AND (CAST(? AS text) IS NULL OR status = ?)
                          AND (CAST(? AS timestamptz) IS NULL OR created_at >= ?)
                          AND (CAST(? AS timestamptz) IS NULL OR created_at < ?)
                        ORDER BY created_at DESC, id LIMIT ? OFFSET ?""",
                r -> new Delivery(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getLong(3), r.getLong(4),
                        r.getString(5), r.getString(6), DeliveryStatus.of(r.getString(7)).orElseThrow(), r.getInt(8),
                        Jdbc.instant(r, 9), r.getObject(10, Integer.class), r.getString(11), Jdbc.instant(r, 12), Jdbc.instant(r, 13)),
                integrationId, owner, id, id, statusCode, statusCode, from, from, to, to, limit, offset);
    }

    /** The attempt log of each delivery, in attempt order. */
    public Map<UUID, List<Attempt>> attempts(Collection<UUID> deliveryIds) {
        Map<UUID, List<Attempt>> attempts = new HashMap<>();
        Jdbc.list(dataSource, """
                        SELECT delivery_id, number, started_at, url, outcome, status_code, latency_ms, error FROM delivery_attempt
                        WHERE delivery_id = ANY(CAST(? AS uuid[])) ORDER BY delivery_id, number""",
                        r -> Map.entry(r.getObject(1, UUID.class), new Attempt(r.getInt(2), Jdbc.instant(r, 3), r.getString(4),
                                AttemptOutcome.of(r.getString(5)), r.getObject(6, Integer.class), r.getObject(7, Integer.class),
                                r.getString(8))),
                        Jdbc.array(deliveryIds))
                .forEach(entry -> attempts.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
        return attempts;
    }
}
