package io.marketplace.platform.inbox;

import io.marketplace.platform.concurrent.AfterCommit;
import io.marketplace.platform.events.EventBatch;
import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventReceipt;
import io.marketplace.platform.persistence.Jdbc;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.problem.Violations;
import io.marketplace.platform.tracing.TraceContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Receives event batches from neighbours: validates the whole batch first (one bad event rejects it all, nothing
 * stored), then applies each event whose id was never seen, recording the id in the same transaction.
 */
@ApplicationScoped
public class Inbox {

    /** Clocks differ a little between hosts; an event stamped further ahead than this is refused. */
    private static final long MAX_CLOCK_SKEW_MINUTES = 5;

    private final Map<String, EventHandler> handlers;

    @Inject
    DataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MeterRegistry registry;

    @Inject
    Tracer tracer;

    @Inject
    public Inbox(Instance<EventHandler> handlers) {
        this.handlers = handlers.stream()
                .flatMap(handler -> handler.types().stream().map(type -> Map.entry(type, handler)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Transactional
    public EventReceipt receive(EventBatch batch) {
        List<EventEnvelope> events = validate(batch);
        // one statement records the whole batch; the ids it answers are the events never seen before
        Set<UUID> fresh = new HashSet<>(Jdbc.list(dataSource, """
                        INSERT INTO processed_event (event_id, type)
                        SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS text[])) ORDER BY 1
                        ON CONFLICT DO NOTHING RETURNING event_id""", row -> row.getObject(1, UUID.class),
                Jdbc.array(events, EventEnvelope::eventId),
                Jdbc.array(events, EventEnvelope::type)));
        Map<EventHandler, List<EventEnvelope>> byHandler = new LinkedHashMap<>();
        events.stream().filter(event -> fresh.contains(event.eventId()))
                .forEach(event -> byHandler.computeIfAbsent(handlers.get(event.type()), handler -> new ArrayList<>()).add(event));
        // each applied event continues the trace of the request that caused it, when tracing is on
        List<Span> spans = events.stream().filter(event -> event.traceparent() != null && fresh.contains(event.eventId()))
                .map(event -> tracer.spanBuilder("receive " + event.type())
                        .setParent(TraceContext.fromTraceparent(event.traceparent()))
                        .setSpanKind(SpanKind.CONSUMER)
                        .setAttribute("marketplace.event_id", event.eventId().toString())
                        .startSpan())
                .toList();
        try {
            byHandler.forEach(EventHandler::handleAll);
        } finally {
            spans.forEach(Span::end);
        }
        countAfterCommit(events, fresh);
        return new EventReceipt(events.size(), fresh.size(), events.size() - fresh.size());
    }

    /** {@code marketplace_inbox_events_total{type, result}}: applied, or ignored as already seen; counted once committed. */
    private void countAfterCommit(List<EventEnvelope> events, Set<UUID> fresh) {
        Map<List<String>, Long> counts = events.stream().collect(Collectors.groupingBy(
                event -> List.of(event.type(), fresh.contains(event.eventId()) ? "applied" : "duplicate"), Collectors.counting()));
        AfterCommit.run(transactions, () -> counts.forEach((typeAndResult, count) -> registry.counter("marketplace.inbox.events",
                "type", typeAndResult.get(0), "result", typeAndResult.get(1)).increment(count)));
    }

    private List<EventEnvelope> validate(EventBatch batch) {
        Violations violations = new Violations();
        if (batch == null || batch.events() == null) {
            throw ProblemException.invalid("events", "required", "events is required");
        }
        List<EventEnvelope> events = batch.events();
        if (events.isEmpty() || events.size() > EventBatch.MAX_EVENTS) {
            throw ProblemException.invalid("events", "size",
                    "events must hold between 1 and " + EventBatch.MAX_EVENTS + " events, not " + events.size());
        }
        Instant latestAccepted = Instant.now().plus(MAX_CLOCK_SKEW_MINUTES, ChronoUnit.MINUTES);
        Set<Object> idsInBatch = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String prefix = "events[" + i + "]";
            EventEnvelope event = events.get(i);
            if (event == null) {
                violations.add(prefix, "required", prefix + " must be an event object");
                continue;
            }
            if (violations.require(prefix + ".event_id", event.eventId()) && !idsInBatch.add(event.eventId())) {
                violations.add(prefix + ".event_id", "duplicate", "event_id " + event.eventId() + " appears twice in the batch");
            }
            if (violations.require(prefix + ".occurred_at", event.occurredAt()) && event.occurredAt().isAfter(latestAccepted)) {
                violations.add(prefix + ".occurred_at", "in_future", "occurred_at is in the future");
            }
            boolean hasData = event.data() != null && event.data().isObject();
            if (!hasData) {
                violations.add(prefix + ".data", "required", prefix + ".data must be a JSON object");
            }
            if (violations.require(prefix + ".type", event.type())) {
                EventHandler handler = handlers.get(event.type());
                if (handler == null) {
                    violations.add(prefix + ".type", "unknown", "this service does not handle events of type " + event.type());
                } else if (hasData) {
                    handler.validate(event, prefix + ".data", violations);
                }
            }
        }
        violations.throwIfAny();
        return events;
    }
}
