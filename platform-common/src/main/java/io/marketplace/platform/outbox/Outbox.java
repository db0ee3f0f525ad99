package io.marketplace.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.platform.concurrent.AfterCommit;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.persistence.Jdbc;
import io.marketplace.platform.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Records an event for a neighbour in the caller's transaction: the event exists exactly when the change it
 * describes was committed. {@link OutboxRelay} delivers it later, however long the neighbour is down, and is woken
 * as soon as the transaction commits. {@link #enqueueBeforeAnswer} also holds the HTTP answer until the neighbour has
 * the event ({@link ReadYourWrites}).
 */
@ApplicationScoped
public class Outbox {

    @Inject
    ObjectMapper json;

    @Inject
    DataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * Like {@link #enqueue}, and the HTTP request that commits it is answered only once the neighbour has the event
     * (or could not be reached): the caller's next request to that neighbour sees the change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID enqueueBeforeAnswer(String destination, EventType type, Object data) {
        UUID eventId = enqueue(destination, type, data);
        AfterCommit.run(transactions, () -> ReadYourWrites.committed(destination, eventId));
        return eventId;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID enqueue(String destination, EventType type, Object data) {
        if (!type.dataType.isInstance(data)) {
            throw new IllegalArgumentException(type.wireName + " carries a " + type.dataType.getSimpleName() + ", not " + data);
        }
        UUID eventId = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data of type " + type + " cannot be written as JSON", e);
        }
        pending().add(new Row(eventId, destination, type.wireName, payload, Instant.now(), TraceContext.currentTraceparent()));
        return eventId;
    }

    private record Row(UUID eventId, String destination, String type, String payload, Instant occurredAt, String traceParent) {
    }

    /** The events a transaction queued, and whether they are written already. */
    private static final class Queued {
        final List<Row> rows = new ArrayList<>();
        boolean written;
    }

    /**
     * The transaction's events, written in one statement just before it commits: an install queues two and a disable
     * three, each a round trip to the database when written one by one. They keep the order they were queued in.
     */
    private List<Row> pending() {
        Queued queued = (Queued) transactions.getResource(this);
        if (queued == null) {
            Queued fresh = new Queued();
            transactions.putResource(this, fresh);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    write(fresh.rows);
                    fresh.written = true;
                }

                @Override
                public void afterCompletion(int status) {
                    // written or rolled back with the transaction
                }
            });
            relay.wakeUpAfterCommit();
            queued = fresh;
        }
        if (queued.written) {
            // only another synchronization of the committing transaction gets here: its event would be lost
            throw new IllegalStateException("An event was queued after the transaction's events were written");
        }
        return queued.rows;
    }

    private void write(List<Row> rows) {
        // a plain insert on the transaction's connection: no entity to track, no generated id to read back
        Jdbc.update(dataSource, """
                        INSERT INTO outbox (event_id, destination, type, payload, occurred_at, next_attempt_at, trace_parent)
                        SELECT e, d, t, CAST(p AS jsonb), o, o, tp
                        FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                    CAST(? AS timestamptz[]), CAST(? AS text[])) WITH ORDINALITY AS r(e, d, t, p, o, tp, n)
                        ORDER BY n""",
                Jdbc.array(rows, Row::eventId), Jdbc.array(rows, Row::destination), Jdbc.array(rows, Row::type),
                Jdbc.array(rows, Row::payload), Jdbc.array(rows, Row::occurredAt), Jdbc.array(rows, Row::traceParent));
    }
}
