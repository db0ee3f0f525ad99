package io.marketplace.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.marketplace.platform.persistence.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * {@code marketplace_outbox_backlog}: events not yet delivered to a neighbour. Counted on a schedule, not at scrape
 * time, so a scrape never waits for the database.
 */
@ApplicationScoped
public class OutboxBacklog {

    private final AtomicLong pending = new AtomicLong();

    @Inject
    DataSource dataSource;

    @Inject
    public OutboxBacklog(MeterRegistry registry) {
        Gauge.builder("marketplace.outbox.backlog", pending, AtomicLong::get)
                .description("Outbox events not yet delivered to a neighbour service (dead letters aside)")
                .register(registry);
    }

    @Scheduled(every = "${marketplace.metrics.outbox-interval:15s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void count() {
        pending.set(Jdbc.first(dataSource, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND dead_at IS NULL",
                row -> row.getLong(1)).orElseThrow());
    }
}
