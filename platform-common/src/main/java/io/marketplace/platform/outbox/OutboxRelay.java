package io.marketplace.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.platform.config.PlatformConfig;
import io.marketplace.platform.events.EventBatch;
import io.marketplace.platform.events.EventEnvelope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Delivers pending outbox rows to their neighbours, oldest first, in batches.
 * Rows are locked with {@code FOR UPDATE SKIP LOCKED} so several replicas can relay side by side;
 * a row is marked delivered only after the neighbour acknowledged it, so a crash means a redelivery
 * (which the receiver's inbox ignores), never a loss.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    @Inject
    EntityManager entityManager;

    @Inject
    Neighbours neighbours;

    @Inject
    PlatformConfig config;

    @Inject
    ObjectMapper json;

    @Scheduled(every = "${marketplace.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayPending() {
        for (String destination : destinationsDue()) {
            int batchSize = config.outbox().batchSize();
            while (QuarkusTransaction.requiringNew().call(() -> deliverBatch(destination, batchSize)) == batchSize) {
                // a full batch went through: more may be waiting
            }
        }
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeDelivered() {
        Instant cutoff = Instant.now().minus(config.outbox().retention());
        QuarkusTransaction.requiringNew().run(() -> OutboxEntry.delete("deliveredAt < ?1", cutoff));
    }

    @SuppressWarnings("unchecked")
    private List<String> destinationsDue() {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "SELECT DISTINCT destination FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= now()")
                .getResultList());
    }

    /** Delivers one batch; answers how many rows were delivered (0 when the neighbour failed). */
    @SuppressWarnings("unchecked")
    int deliverBatch(String destination, int batchSize) {
        List<OutboxEntry> due = entityManager.createNativeQuery("""
                        SELECT * FROM outbox
                        WHERE destination = ?1 AND delivered_at IS NULL AND next_attempt_at <= now()
                        ORDER BY id LIMIT ?2 FOR UPDATE SKIP LOCKED""", OutboxEntry.class)
                .setParameter(1, destination)
                .setParameter(2, batchSize)
                .getResultList();
        if (due.isEmpty()) {
            return 0;
        }
        try {
            neighbours.deliver(destination, new EventBatch(due.stream().map(this::envelope).toList()));
        } catch (Exception e) {
            scheduleRetry(destination, due, e);
            return 0;
        }
        Instant now = Instant.now();
        due.forEach(entry -> {
            entry.deliveredAt = now;
            entry.attempts++;
            entry.lastError = null;
        });
        return due.size();
    }

    private void scheduleRetry(String destination, List<OutboxEntry> due, Exception failure) {
        String error = describe(failure);
        LOG.warnf("Outbox: %d event(s) for %s not delivered, will retry: %s", due.size(), destination, error);
        Instant now = Instant.now();
        for (OutboxEntry entry : due) {
            entry.attempts++;
            entry.lastError = error;
            entry.nextAttemptAt = now.plus(backoff(entry.attempts));
        }
    }

    Duration backoff(int attempts) {
        Duration initial = config.outbox().initialBackoff();
        Duration max = config.outbox().maxBackoff();
        int doublings = Math.min(attempts - 1, 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
    }

    private EventEnvelope envelope(OutboxEntry entry) {
        try {
            return new EventEnvelope(entry.eventId, entry.type, entry.occurredAt, json.readTree(entry.payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox row " + entry.id + " holds invalid JSON", e);
        }
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
