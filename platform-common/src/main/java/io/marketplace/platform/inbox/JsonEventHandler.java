package io.marketplace.platform.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.problem.Violations;
import jakarta.inject.Inject;
import java.util.Set;

/** An {@link EventHandler} whose data is read into a record of type {@code T} (the event's contract). */
public abstract class JsonEventHandler<T> implements EventHandler {

    private final Class<T> dataType;
    private final Set<String> eventTypes;

    @Inject
    ObjectMapper json;

    protected JsonEventHandler(Class<T> dataType, String... eventTypes) {
        this.dataType = dataType;
        this.eventTypes = Set.of(eventTypes);
    }

    /** Records every problem of the data under {@code prefix}. */
    protected abstract void validate(T data, String prefix, Violations violations);

    /** Checks that depend on the event's type too, for a handler of several types; none by default. */
    protected void validate(String type, T data, String prefix, Violations violations) {
    }

    protected abstract void handle(T data, EventEnvelope event);

    @Override
    public final Set<String> types() {
        return eventTypes;
    }

    @Override
    public final void validate(EventEnvelope event, String prefix, Violations violations) {
        T data = read(event, prefix, violations);
        if (data != null) {
            validate(data, prefix, violations);
            validate(event.type(), data, prefix, violations);
        }
    }

    @Override
    public final void handle(EventEnvelope event) {
        handle(data(event), event);
    }

    /** The event's data, already validated by {@link #validate(EventEnvelope, String, Violations)}. */
    protected T data(EventEnvelope event) {
        return read(event, "data", new Violations());
    }

    private T read(EventEnvelope event, String prefix, Violations violations) {
        try {
            return json.treeToValue(event.data(), dataType);
        } catch (JsonProcessingException e) {
            violations.add(prefix, "invalid", "data is not a " + event.type() + " payload: " + e.getOriginalMessage());
            return null;
        }
    }
}
