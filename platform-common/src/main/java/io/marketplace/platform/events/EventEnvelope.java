package io.marketplace.platform.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.UUID;

/**
 * One event between services. Receivers deduplicate by {@code event_id}, so redelivery is harmless.
 * {@code traceparent} (W3C Trace Context) names the trace of the request that caused the event, when tracing is on.
 */
public record EventEnvelope(UUID eventId,
        @Schema(description = "The event type (EventType): integration.saved, installation.enabled, …") String type,
        Instant occurredAt,
        @Schema(description = "The payload, shaped as its type says (IntegrationSaved, InstallationUpdate, WebhookJob, …)")
        JsonNode data,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent) {

    public EventEnvelope(UUID eventId, String type, Instant occurredAt, JsonNode data) {
        this(eventId, type, occurredAt, data, null);
    }
}
