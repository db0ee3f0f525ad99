package io.marketplace.platform.events;

import java.util.List;
import java.util.UUID;

/**
 * integrations-service → keys-service: an integration was created or its client settings changed.
 * keys-service keeps the OAuth client registration (client_id, owner, exact redirect_uri) from it.
 */
public record IntegrationSaved(UUID integrationId, Long ownerAccountId, String code, String redirectUri, List<String> scopes) {
    public static final String TYPE = "integration.saved";
}
