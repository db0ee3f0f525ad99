package io.marketplace.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.platform.concurrent.AfterCommit;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.persistence.Jdbc;
import io.marketplace.platform.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
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
        Instant now = Instant.now();
        // a plain insert on the transaction's connection: no entity to track, no generated id to read back
        Jdbc.update(dataSource, """
                        INSERT INTO outbox (event_id, destination, type, payload, occurred_at, next_attempt_at, trace_parent)
                        VALUES (?, ?, ?, CAST(? AS jsonb), ?, ?, ?)""",
                eventId, destination, type.wireName, payload, now, now, TraceContext.currentTraceparent());
        relay.wakeUpAfterCommit();
        return eventId;
    }
}
