package io.marketplace.platform.events;

import java.util.UUID;

/**
 * integrations-service → webhook-service: whether an integration is published, and its redirect URL. webhook-service
 * checks the redirect URLs of published integrations from time to time.
 */
public record PublicationChanged(UUID integrationId, Long ownerAccountId, String redirectUri, Boolean published) {
    public static final String TYPE = "integration.publication";
}
