package io.marketplace.platform.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketplace.platform.events.EventBatch;
import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventReceipt;
import io.marketplace.platform.problem.FieldError;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.problem.Violations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbox on its own, with {@code processed_event} kept in memory: a batch is checked whole, and an event is handed
 * to its handler once however often it comes (each service's HTTP tests prove the same against PostgreSQL).
 */
class InboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Takes {@code thing.happened}; data with {@code "bad": true} is invalid. */
    private static final class RecordingHandler implements EventHandler {
        final List<UUID> handled = new ArrayList<>();

        @Override
        public Set<String> types() {
            return Set.of("thing.happened");
        }

        @Override
        public void validate(EventEnvelope event, String prefix, Violations violations) {
            if (event.data().path("bad").asBoolean()) {
                violations.add(prefix + ".bad", "invalid", "bad data");
            }
        }

        @Override
        public void handle(EventEnvelope event) {
            handled.add(event.eventId());
        }
    }

    private final RecordingHandler handler = new RecordingHandler();
    private final Set<UUID> processedEvents = new HashSet<>();
    private Inbox inbox;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void inbox() {
        inbox = new Inbox(proxy(Instance.class, (method, args) -> method.equals("stream") ? Stream.of(handler) : null));
        inbox.dataSource = proxy(DataSource.class, (method, args) -> proxy(Connection.class, (call, ignored) -> insertReturningFresh()));
        inbox.transactions = proxy(TransactionSynchronizationRegistry.class, (method, args) -> null);
        inbox.registry = new SimpleMeterRegistry();
        inbox.tracer = OpenTelemetry.noop().getTracer("test");
    }

    @Test
    void handsAnEventToItsHandlerOnceHoweverOftenItComes() {
        EventEnvelope first = event(false);
        EventEnvelope second = event(false);

        assertEquals(new EventReceipt(2, 2, 0), inbox.receive(new EventBatch(List.of(first, second))));
        assertEquals(new EventReceipt(2, 0, 2), inbox.receive(new EventBatch(List.of(first, second))));
        assertEquals(new EventReceipt(1, 0, 1), inbox.receive(new EventBatch(List.of(second))));

        assertEquals(List.of(first.eventId(), second.eventId()), handler.handled);
    }

    @Test
    void oneBadEventRefusesTheWholeBatchAndNothingIsRecorded() {
        EventEnvelope good = event(false);
        EventEnvelope unknownType = new EventEnvelope(UUID.randomUUID(), "thing.unheard_of", Instant.now(), data(false), null);

        ProblemException refused = assertThrows(ProblemException.class,
                () -> inbox.receive(new EventBatch(List.of(good, event(true), unknownType))));

        assertEquals(List.of("events[1].data.bad", "events[2].type"),
                refused.problem().errors().stream().map(FieldError::field).toList());
        assertEquals(Set.of(), processedEvents);
        assertEquals(List.of(), handler.handled);
        // the good event is new when it comes again in a good batch
        assertEquals(new EventReceipt(1, 1, 0), inbox.receive(new EventBatch(List.of(good))));
    }

    /** INSERT … ON CONFLICT DO NOTHING RETURNING event_id, against the in-memory table; ids come as an array literal. */
    private PreparedStatement insertReturningFresh() {
        List<UUID> fresh = new ArrayList<>();
        int[] read = {0};
        ResultSet rows = proxy(ResultSet.class, (method, args) -> switch (method) {
            case "next" -> ++read[0] <= fresh.size();
            case "getObject" -> fresh.get(read[0] - 1);
            default -> null;
        });
        return proxy(PreparedStatement.class, (method, args) -> {
            if (method.equals("setObject") && args[0].equals(1)) {
                String literal = (String) args[1];
                for (String id : literal.substring(1, literal.length() - 1).replace("\"", "").split(",")) {
                    if (processedEvents.add(UUID.fromString(id))) {
                        fresh.add(UUID.fromString(id));
                    }
                }
            }
            return method.equals("executeQuery") ? rows : null;
        });
    }

    private static EventEnvelope event(boolean bad) {
        return new EventEnvelope(UUID.randomUUID(), "thing.happened", Instant.now(), data(bad), null);
    }

    private static ObjectNode data(boolean bad) {
        return JSON.createObjectNode().put("bad", bad);
    }

    private interface QueryAnswer {
        Object answer(String method, Object[] args);
    }

    /** A stand-in that answers each call with {@code answer}; a call that returns the stand-in's own type gets it back. */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, QueryAnswer answer) {
        Object[] self = new Object[1];
        self[0] = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (target, method, args) -> {
            Object result = answer.answer(method.getName(), args);
            return result == null && method.getReturnType().isAssignableFrom(type) ? self[0] : result;
        });
        return (T) self[0];
    }
}
