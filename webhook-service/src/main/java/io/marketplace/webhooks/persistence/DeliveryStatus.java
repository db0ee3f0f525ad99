package io.marketplace.webhooks.persistence;

import java.util.Arrays;
import java.util.Optional;

/** Where a delivery stands; {@link #code} is what the database and the delivery log say. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (or being attempted). */
    PENDING("pending"),
    DELIVERED("delivered"),
    /** Its attempts ran out, or the receiver answered 410. */
    FAILED("failed"),
    /** The outbound policy forbids its URL: never sent. */
    BLOCKED("blocked"),
    /** Its installation ended before it was sent, or sending it would break the order of its installation's notices. */
    CANCELLED("cancelled");

    public final String code;

    DeliveryStatus(String code) {
        this.code = code;
    }

    public static Optional<DeliveryStatus> of(String code) {
        return Arrays.stream(values()).filter(status -> status.code.equals(code)).findFirst();
    }

    public static String allCodes() {
        return String.join(", ", Arrays.stream(values()).map(status -> status.code).toList());
    }
}
