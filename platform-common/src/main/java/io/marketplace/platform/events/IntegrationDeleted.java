package io.marketplace.platform.events;

import java.util.UUID;

/**
 * integrations-service → keys-service, webhook-service and stats-service: an integration that never went to review was
 * deleted; its client, its delivery log and its statistics go too.
 */
public record IntegrationDeleted(UUID integrationId) {
}
