package io.marketplace.keys.rest;

import io.marketplace.keys.service.ClientCredentials.WebhookSecretView;
import io.marketplace.keys.service.ClientKeys.TokenSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The Keys tab of an integration: its client id and secret, webhook secrets, long-lived tokens and publish keys. */
public record KeysView(
        UUID integrationId,
        String secretKey,
        @Schema(nullable = true) Instant secretKeyRotatedAt,
        List<WebhookSecretView> webhookSecrets,
        List<TokenSummary> longLivedTokens,
        List<TokenSummary> publishKeys) {
}
