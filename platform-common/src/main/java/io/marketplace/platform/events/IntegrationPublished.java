package io.marketplace.platform.events;

import java.util.UUID;

/**
 * A version of the integration was published, with its owner and redirect URL: webhook-service checks the redirect
 * URLs of published integrations from time to time. {@code published} is always true (kept for events queued under the
 * former name {@code integration.publication}, which carried it).
 */
public record IntegrationPublished(UUID integrationId, Long ownerAccountId, String redirectUri, Boolean published) {
}
