package io.marketplace.platform.events;

import java.util.List;
import java.util.UUID;

/**
 * integrations-service → keys-service and webhook-service: an integration was created or its client settings changed;
 * → stats-service: it was created. keys-service keeps the OAuth client registration (client_id, owner, exact
 * redirect_uri) from it; webhook-service and stats-service the owner, who alone reads the integration's delivery log
 * and statistics.
 */
public record IntegrationSaved(UUID integrationId, Long ownerAccountId, String code, String redirectUri, List<String> scopes) {
}
