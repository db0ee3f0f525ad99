package io.marketplace.platform.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One event between services. Receivers deduplicate by {@code event_id}, so redelivery is harmless.
 * {@code traceparent} (W3C Trace Context) names the trace of the request that caused the event, when tracing is on.
 */
public record EventEnvelope(UUID eventId, String type, Instant occurredAt, JsonNode data,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent) {

    public EventEnvelope(UUID eventId, String type, Instant occurredAt, JsonNode data) {
        this(eventId, type, occurredAt, data, null);
    }
}
