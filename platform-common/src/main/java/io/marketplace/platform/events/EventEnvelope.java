package io.marketplace.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One event between services. Receivers deduplicate by {@code event_id}, so redelivery is harmless. */
public record EventEnvelope(UUID eventId, String type, Instant occurredAt, JsonNode data) {
}
