package io.marketplace.platform.events;

import java.time.Instant;
import java.util.UUID;

/**
 * webhook-service → integrations-service: the redirect URL of a published integration became reachable
 * ({@link #OK}) or stopped being so ({@link #FAILING}, with the reason). Sent on changes only. {@code redirectUri} is
 * the URL checked, so that a report about a URL the integration no longer has is told apart (absent from reports of
 * webhook-service builds before 2026-12-02).
 */
public record RedirectUriChecked(UUID integrationId, String status, Instant checkedAt, String error, String redirectUri) {
    public static final String OK = "ok";
    public static final String FAILING = "failing";
}
