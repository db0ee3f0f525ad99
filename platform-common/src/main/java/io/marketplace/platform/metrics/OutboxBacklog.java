package io.marketplace.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code marketplace_outbox_backlog}: events not yet delivered to a neighbour. Counted on a schedule, not at scrape
 * time, so a scrape never waits for the database.
 */
@ApplicationScoped
public class OutboxBacklog {

    private final AtomicLong pending = new AtomicLong();

    @Inject
    EntityManager entityManager;

    @Inject
    public OutboxBacklog(MeterRegistry registry) {
        Gauge.builder("marketplace.outbox.backlog", pending, AtomicLong::get)
                .description("Outbox events not yet delivered to a neighbour service (dead letters aside)")
                .register(registry);
    }

    @Scheduled(every = "${marketplace.metrics.outbox-interval:15s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void count() {
        pending.set(QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND dead_at IS NULL").getSingleResult()).longValue()));
    }
}
