package io.marketplace.platform.inbox;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.problem.Violations;
import java.util.List;
import java.util.Set;

/** Applies some types of event from a neighbour. Runs in the inbox's transaction, at most once per event id. */
public interface EventHandler {

    /** The event types handled, for example {@code integration.saved}. */
    Set<String> types();

    /** Records every problem of the event's data under {@code prefix} (for example {@code events[3].data}). */
    void validate(EventEnvelope event, String prefix, Violations violations);

    void handle(EventEnvelope event);

    /**
     * Applies the new events of one batch that this handler takes, in batch order. A handler that can write them
     * together overrides this; taking several types lets it write them with the same statements, so concurrent
     * batches lock rows in one order.
     */
    default void handleAll(List<EventEnvelope> events) {
        events.forEach(this::handle);
    }
}
