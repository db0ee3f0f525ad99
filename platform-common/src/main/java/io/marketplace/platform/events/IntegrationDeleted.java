package io.marketplace.platform.events;

import java.util.UUID;

/**
 * integrations-service → keys-service and webhook-service: an integration that never went to review was deleted; its
 * client and its delivery log go too.
 */
public record IntegrationDeleted(UUID integrationId) {
}
