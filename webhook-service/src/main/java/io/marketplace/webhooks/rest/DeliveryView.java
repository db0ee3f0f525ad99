package io.marketplace.webhooks.rest;

import io.marketplace.webhooks.persistence.DeliveryRepository.Attempt;
import io.marketplace.webhooks.persistence.DeliveryRepository.Delivery;
import io.marketplace.webhooks.persistence.DeliveryStatus;
import io.marketplace.webhooks.service.DeliveryLog.Entry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One delivery in the log: its state and every attempt (URL with the code and signature masked). */
public record DeliveryView(UUID id, @Schema(enumeration = {"installed", "access_revoked"}) String kind,
        @Schema(enumeration = {"pending", "delivered", "failed", "blocked", "cancelled"}) String status, long accountId,
        String url, int attemptCount, @Schema(nullable = true) Instant nextAttemptAt,
        @Schema(nullable = true) Integer lastStatusCode, @Schema(nullable = true) String lastError, Instant createdAt,
        Instant updatedAt,
        List<AttemptView> attempts) {

    public record AttemptView(int number, Instant startedAt, String url,
            @Schema(enumeration = {"delivered", "retry", "gone", "failed", "blocked", "cancelled"}) String outcome,
            @Schema(nullable = true) Integer statusCode, @Schema(nullable = true) Integer latencyMs,
            @Schema(nullable = true) String error) {
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
