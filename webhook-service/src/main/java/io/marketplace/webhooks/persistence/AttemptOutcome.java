package io.marketplace.webhooks.persistence;

import java.util.Arrays;

/** How one attempt ended; {@link #code} is what the database, the delivery log and the metrics say. */
public enum AttemptOutcome {
    DELIVERED("delivered"),
    /** It failed and another attempt is planned. */
    RETRY("retry"),
    /** The receiver answered 410 Gone: no more attempts. */
    GONE("gone"),
    /** It failed and it was the last attempt. */
    FAILED("failed"),
    BLOCKED("blocked"),
    CANCELLED("cancelled");

    public final String code;

    AttemptOutcome(String code) {
        this.code = code;
    }

    static AttemptOutcome of(String code) {
        return Arrays.stream(values()).filter(outcome -> outcome.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown attempt outcome " + code));
    }
}
