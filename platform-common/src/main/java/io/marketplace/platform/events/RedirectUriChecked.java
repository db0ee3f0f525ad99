package io.marketplace.platform.events;

import java.time.Instant;
import java.util.UUID;

/**
 * webhook-service → integrations-service: the redirect URL of a published integration became reachable
 * ({@link #OK}) or stopped being so ({@link #FAILING}, with the reason). Sent on changes only.
 */
public record RedirectUriChecked(UUID integrationId, String status, Instant checkedAt, String error) {
    public static final String OK = "ok";
    public static final String FAILING = "failing";
}
