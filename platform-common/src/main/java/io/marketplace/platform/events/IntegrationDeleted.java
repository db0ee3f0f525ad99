package io.marketplace.platform.events;

import java.util.UUID;

/** integrations-service → keys-service: an integration that never went to review was deleted; its client goes too. */
public record IntegrationDeleted(UUID integrationId) {
    public static final String TYPE = "integration.deleted";
}
