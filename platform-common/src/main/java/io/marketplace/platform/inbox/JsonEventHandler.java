package io.marketplace.platform.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.problem.FieldError;
import io.marketplace.platform.problem.ProblemMappers;
import io.marketplace.platform.problem.Violations;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** An {@link EventHandler} whose data is read into a record of type {@code T} (the event's contract). */
public abstract class JsonEventHandler<T> implements EventHandler {

    private final Class<T> dataType;
    private final Set<String> eventTypes;

    @Inject
    ObjectMapper json;

    /** Handles these types, whose data is all read into the same record (their former names are taken too). */
    @SuppressWarnings("unchecked")
    protected JsonEventHandler(EventType... types) {
        this.dataType = (Class<T>) types[0].dataType;
        if (Arrays.stream(types).anyMatch(type -> type.dataType != dataType)) {
            throw new IllegalArgumentException("One handler reads one record: " + Arrays.toString(types));
        }
        this.eventTypes = Arrays.stream(types).flatMap(type -> Stream.concat(Stream.of(type.wireName), type.formerNames.stream()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Records every problem of the data under {@code prefix}. */
    protected abstract void validate(T data, String prefix, Violations violations);

    /** Checks that depend on the event's type too, for a handler of several types; none by default. */
    protected void validate(EventType type, T data, String prefix, Violations violations) {
    }

    /** The event's type, whichever of its names it came under. */
    protected static EventType type(EventEnvelope event) {
        return EventType.named(event.type());
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
            validate(type(event), data, prefix, violations);
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
        } catch (JsonMappingException e) {
            FieldError error = ProblemMappers.fieldError(prefix, e);
            if (error == null) {
                violations.add(prefix, "invalid", "data is not a " + event.type() + " payload: " + e.getOriginalMessage());
            } else {
                violations.add(error.field(), error.code(), error.message());
            }
            return null;
        } catch (JsonProcessingException e) {
            violations.add(prefix, "invalid", "data is not a " + event.type() + " payload: " + e.getOriginalMessage());
            return null;
        }
    }
}
