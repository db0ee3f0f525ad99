package io.marketplace.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Records an event for a neighbour in the caller's transaction: the event exists exactly when the change it
 * describes was committed. {@link OutboxRelay} delivers it later, however long the neighbour is down.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID enqueue(String destination, String type, Object data) {
        OutboxEntry entry = new OutboxEntry();
        entry.eventId = UUID.randomUUID();
        entry.destination = destination;
        entry.type = type;
        entry.occurredAt = Instant.now();
        entry.nextAttemptAt = entry.occurredAt;
        try {
            entry.payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data of type " + type + " cannot be written as JSON", e);
        }
        entry.persist();
        return entry.eventId;
    }
}
