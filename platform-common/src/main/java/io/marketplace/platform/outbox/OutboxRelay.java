package io.marketplace.platform.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.marketplace.platform.concurrent.AfterCommit;
import io.marketplace.platform.concurrent.WakeUpSignal;
import io.marketplace.platform.config.PlatformConfig;
import io.marketplace.platform.events.EventBatch;
import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.neighbours.Neighbours;
import io.marketplace.platform.outbox.BatchSplitting.Outcome;
import io.marketplace.platform.persistence.Jdbc;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.context.api.ManagedExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Delivers pending outbox rows to their neighbours, oldest first, in batches. One loop per replica, woken when a
 * transaction that wrote events commits and polling otherwise (retries coming due). Rows are locked with
 * {@code FOR UPDATE SKIP LOCKED} so several replicas can relay side by side; a row is marked delivered only after the
 * neighbour acknowledged it, so a crash means a redelivery (which the receiver's inbox ignores), never a loss.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    @Inject
    DataSource dataSource;

    @Inject
    Neighbours neighbours;

    @Inject
    PlatformConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MeterRegistry registry;

    /** How soon a neighbour that could not be reached is tried again: a disable must reach keys-service that fast. */
    private static final Duration UNREACHABLE_RETRY = Duration.ofMillis(250);
    /** How long a caller of {@link #deliverNow} lets the relay send its events before sending them itself. */
    private static final Duration RELAY_WAIT = Duration.ofSeconds(2);
    private static final int RECENT_OUTCOMES = 10_000;

    /** The loop's one thread, taken from Quarkus's worker pool and given back at shutdown. */
    @Inject
    @ManagedExecutorConfig(maxAsync = 1)
    ManagedExecutor loop;

    private final WakeUpSignal signal = new WakeUpSignal();
    private volatile boolean running;
    /** Set when the last round found a neighbour unreachable; the relay then looks again sooner than the poll. */
    private volatile boolean neighbourUnreachable;
    /** Neighbours found unreachable and not reached since, so that an outage is logged once, and its end. */
    private final Set<String> unreachableNeighbours = ConcurrentHashMap.newKeySet();
    /** Callers of {@link #deliverNow} waiting, by event id, and the neighbours they wait for. */
    private final Map<UUID, CompletableFuture<Boolean>> awaited = new ConcurrentHashMap<>();
    private final Set<String> urgentDestinations = ConcurrentHashMap.newKeySet();
    /** Whether the last events relayed reached their neighbour, for a caller who starts waiting just after. */
    private final Map<UUID, Boolean> recentOutcomes = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > RECENT_OUTCOMES;
        }
    });

    void start(@Observes StartupEvent event) {
        running = true;
        loop.runAsync(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        signal.wakeUp();
    }

    /** Relay as soon as the current transaction commits. */
    public void wakeUpAfterCommit() {
        signal.wakeUpAfterCommit(transactions);
    }

    private void run() {
        while (running) {
            try {
                Duration poll = config.outbox().pollInterval();
                signal.await(neighbourUnreachable && UNREACHABLE_RETRY.compareTo(poll) < 0 ? UNREACHABLE_RETRY : poll);
                if (running) {
                    relayPending();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Outbox relay could not read pending events (%s); trying again at the next poll", e.getMessage());
            }
        }
    }

    /**
     * Answers once the named committed events have reached their neighbour, for a caller that must not answer before
     * (a disable is final when its answer arrives). The relay, woken by the commit, usually sends them within
     * milliseconds together with whatever else is pending for that neighbour, so concurrent callers share one request;
     * should it not (another replica's relay took them, or this one is busy), they are sent from the caller's thread,
     * waiting for a relay that is sending them at that moment. If the neighbour cannot take them, they stay pending
     * and the relay keeps trying; answers whether they were delivered.
     */
    public boolean deliverNow(String destination, List<UUID> eventIds) {
        Map<UUID, CompletableFuture<Boolean>> outcomes = new HashMap<>();
        eventIds.forEach(id -> outcomes.put(id, awaited.computeIfAbsent(id, key -> new CompletableFuture<>())));
        // the relay may have sent them between the commit and now
        eventIds.forEach(id -> Optional.ofNullable(recentOutcomes.get(id)).ifPresent(outcomes.get(id)::complete));
        urgentDestinations.add(destination);
        signal.wakeUp();
        try {
            return CompletableFuture.allOf(outcomes.values().toArray(CompletableFuture[]::new))
                    .thenApply(done -> outcomes.values().stream().allMatch(CompletableFuture::join))
                    .get(RELAY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debugf("Outbox: the relay did not send %s to %s in time; sending them now", eventIds, destination);
            return sendNow(destination, eventIds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            eventIds.forEach(awaited::remove);
        }
    }

    private boolean sendNow(String destination, List<UUID> eventIds) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> deliver(destination, lockPending(destination, eventIds)))
                    .allDelivered();
        } catch (RuntimeException e) {
            LOG.debugf("Outbox: immediate delivery to %s did not happen (%s); the relay keeps trying", destination, e.getMessage());
            return false;
        }
    }

    /** Tells the callers waiting for these events whether they reached the neighbour. */
    private void settle(List<UUID> eventIds, boolean delivered) {
        for (UUID id : eventIds) {
            recentOutcomes.put(id, delivered);
            CompletableFuture<Boolean> waiting = awaited.get(id);
            if (waiting != null) {
                waiting.complete(delivered);
            }
        }
    }

    private void relayPending() {
        neighbourUnreachable = false;
        int batchSize = config.outbox().batchSize();
        List<String> destinations = new ArrayList<>(destinationsDue());
        // a caller is waiting for those: they go first
        Set<String> urgent = Set.copyOf(urgentDestinations);
        urgentDestinations.removeAll(urgent);
        destinations.sort(Comparator.comparing(destination -> !urgent.contains(destination)));
        for (String destination : destinations) {
            while (QuarkusTransaction.requiringNew().call(() -> deliverBatch(destination, batchSize)).settledAll(batchSize)) {
                // a full batch went through: more may be waiting
            }
        }
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeDelivered() {
        QuarkusTransaction.requiringNew().run(() -> Jdbc.update(dataSource, "DELETE FROM outbox WHERE delivered_at < ?",
                Instant.now().minus(config.outbox().retention())));
    }

    private List<String> destinationsDue() {
        return QuarkusTransaction.requiringNew().call(() -> Jdbc.list(dataSource, """
                SELECT DISTINCT destination FROM outbox
                WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now()""", row -> row.getString(1)));
    }

    /** Delivers one batch of due rows. */
    private Outcome deliverBatch(String destination, int batchSize) {
        return deliver(destination, Jdbc.list(dataSource, SELECT_ROWS + """
                WHERE destination = ? AND delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now()
                ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""", Pending::read, destination, batchSize));
    }

    /** The named rows still pending, locked: one the relay is sending is waited for (a few seconds at most). */
    private List<Pending> lockPending(String destination, List<UUID> eventIds) {
        Jdbc.update(dataSource, "SET LOCAL lock_timeout = '5s'");
        return Jdbc.list(dataSource, SELECT_ROWS + """
                WHERE event_id = ANY(CAST(? AS uuid[])) AND destination = ? AND delivered_at IS NULL AND dead_at IS NULL
                ORDER BY id FOR UPDATE""", Pending::read, Jdbc.array(eventIds), destination);
    }

    private static final String SELECT_ROWS =
            "SELECT id, event_id, type, occurred_at, CAST(payload AS text), trace_parent, attempts FROM outbox ";

    /** An outbox row not delivered yet, as {@link #SELECT_ROWS} reads it. */
    private record Pending(long id, UUID eventId, String type, Instant occurredAt, String payload, String traceParent,
            int attempts) {

        static Pending read(ResultSet row) throws SQLException {
            return new Pending(row.getLong(1), row.getObject(2, UUID.class), row.getString(3),
                    Jdbc.instant(row, 4), row.getString(5), row.getString(6), row.getInt(7));
        }
    }

    /** Sends the locked rows as one batch (split when the neighbour refuses it) and records the outcome. */
    private Outcome deliver(String destination, List<Pending> due) {
        return BatchSplitting.deliver(due, new BatchSplitting.Delivery<>() {
            @Override
            public void send(List<Pending> batch) {
                neighbours.deliver(destination, new EventBatch(batch.stream().map(OutboxRelay.this::envelope).toList()));
            }

            @Override
            public void delivered(List<Pending> batch) {
                // the neighbour has committed them: whoever waits may answer now
                settle(eventIds(batch), true);
                commitWithoutWaitingForDisk();
                if (unreachableNeighbours.remove(destination)) {
                    LOG.infof("Outbox: %s is reachable again", destination);
                }
                Jdbc.update(dataSource, """
                        UPDATE outbox SET delivered_at = now(), attempts = attempts + 1, last_error = NULL
                        WHERE id = ANY(CAST(? AS bigint[]))""", Jdbc.array(ids(batch)));
            }

            @Override
            public void refused(Pending row, Exception refusal) {
                commitWithoutWaitingForDisk();
                setAside(destination, row, refusal);
                settle(List.of(row.eventId()), false);
            }

            @Override
            public void failed(List<Pending> batch, Exception failure) {
                commitWithoutWaitingForDisk();
                scheduleRetry(destination, batch, failure);
                settle(eventIds(batch), false);
            }
        });
    }

    private static List<Long> ids(List<Pending> rows) {
        return rows.stream().map(Pending::id).toList();
    }

    private static List<UUID> eventIds(List<Pending> rows) {
        return rows.stream().map(Pending::eventId).toList();
    }

    /**
     * An event the neighbour refuses on its own is never retried: it is kept as a dead letter with the refusal, counted
     * ({@code marketplace_outbox_dead_letters_total}), listed for operators and for whoever it concerns, and sent again
     * only when an operator replays it ({@link DeadLetters}).
     */
    private void setAside(String destination, Pending row, Exception refusal) {
        String error = describe(refusal);
        String type = row.type();
        LOG.warnf("Outbox: %s refused event %s (%s) for good; kept as a dead letter: %s", destination, row.eventId(), type,
                error);
        Jdbc.update(dataSource, "UPDATE outbox SET dead_at = now(), attempts = attempts + 1, last_error = ? WHERE id = ?",
                error, row.id());
        AfterCommit.run(transactions, () -> registry.counter("marketplace.outbox.dead.letters",
                "destination", destination, "type", type).increment());
    }

    /**
     * A neighbour that could not be reached (down, restarting, its database away) is tried again within a quarter of
     * a second, so that what waited for it lands as soon as it is back. A neighbour that answered with an error is
     * retried with a delay doubling from the initial backoff, up to the maximum.
     */
    private void scheduleRetry(String destination, List<Pending> rows, Exception failure) {
        String error = describe(failure);
        boolean unreachable = Neighbours.unreachable(failure);
        neighbourUnreachable |= unreachable;
        if (!unreachable) {
            LOG.warnf("Outbox: %d event(s) for %s not delivered, will retry: %s", rows.size(), destination, error);
        } else if (unreachableNeighbours.add(destination)) {
            LOG.warnf("Outbox: %s cannot be reached, trying again every %d ms: %s", destination, UNREACHABLE_RETRY.toMillis(), error);
        } else {
            LOG.debugf("Outbox: %s still cannot be reached: %s", destination, error);
        }
        Backoff backoff = new Backoff(config.outbox().initialBackoff(), config.outbox().maxBackoff());
        Jdbc.update(dataSource, """
                        UPDATE outbox o SET attempts = o.attempts + 1, last_error = ?,
                            next_attempt_at = now() + r.wait_ms * interval '1 millisecond'
                        FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[])) AS r(id, wait_ms)
                        WHERE o.id = r.id""", error, Jdbc.array(ids(rows)),
                Jdbc.array(rows, row -> unreachable ? 0L : backoff.after(row.attempts()).toMillis()));
    }

    /**
     * The relay's own bookkeeping (delivered, next attempt) need not wait for the WAL flush: should the database crash
     * and lose the last of it, those events are sent again, and the neighbour's inbox ignores what it already has.
     */
    private void commitWithoutWaitingForDisk() {
        Jdbc.update(dataSource, "SET LOCAL synchronous_commit = off");
    }

    /** The payload goes out as PostgreSQL gave it back (valid JSON: the column is jsonb), not parsed and written again. */
    private EventEnvelope envelope(Pending row) {
        return new EventEnvelope(row.eventId(), row.type(), row.occurredAt(),
                json.getNodeFactory().rawValueNode(new RawValue(row.payload())), row.traceParent());
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < MAX_ERROR_LENGTH; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text.toString();
    }
}
