package io.marketplace.platform.events;

import java.util.List;

/** The body of {@code POST /internal/v1/events}: up to {@link #MAX_EVENTS} events, accepted or rejected together. */
public record EventBatch(List<EventEnvelope> events) {
    public static final int MAX_EVENTS = 1000;
}
