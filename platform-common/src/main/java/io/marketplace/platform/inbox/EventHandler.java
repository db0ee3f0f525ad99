package io.marketplace.platform.inbox;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.problem.Violations;

/** Applies one type of event from a neighbour. Runs in the inbox's transaction, at most once per event id. */
public interface EventHandler {

    /** The event type handled, for example {@code integration.saved}. */
    String type();

    /** Records every problem of the event's data under {@code prefix} (for example {@code events[3].data}). */
    void validate(EventEnvelope event, String prefix, Violations violations);

    void handle(EventEnvelope event);

    /** Applies the new events of one batch, in order; a handler that can write them together overrides this. */
    default void handleAll(java.util.List<EventEnvelope> events) {
        events.forEach(this::handle);
    }
}
