package io.marketplace.webhooks.rest;

import io.marketplace.webhooks.persistence.DeliveryRepository.Attempt;
import io.marketplace.webhooks.persistence.DeliveryRepository.Delivery;
import io.marketplace.webhooks.persistence.DeliveryStatus;
import io.marketplace.webhooks.service.DeliveryLog.Entry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One delivery in the log: its state and every attempt (URL with the code and signature masked). */
public record DeliveryView(UUID id, String kind, String status, long accountId, String url, int attemptCount,
        Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt, Instant updatedAt,
        List<AttemptView> attempts) {

    public record AttemptView(int number, Instant startedAt, String url, String outcome, Integer statusCode,
            Integer latencyMs, String error) {
        static AttemptView of(Attempt attempt) {
            return new AttemptView(attempt.number(), attempt.startedAt(), attempt.url(), attempt.outcome().code,
                    attempt.statusCode(), attempt.latencyMs(), attempt.error());
        }
    }

    static DeliveryView of(Entry entry) {
        Delivery d = entry.delivery();
        return new DeliveryView(d.id(), d.kind(), d.status().code, d.accountId(), d.url(), d.attempts(),
                d.status() == DeliveryStatus.PENDING ? d.nextAttemptAt() : null, d.lastStatusCode(), d.lastError(), d.createdAt(),
                d.updatedAt(), entry.attempts().stream().map(AttemptView::of).toList());
    }
}
