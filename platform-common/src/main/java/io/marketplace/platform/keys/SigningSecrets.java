package io.marketplace.platform.keys;

import java.util.List;
import java.util.UUID;

/**
 * keys-service → webhook-service: what signs an integration's webhooks. {@code secretKey} makes Kommo's
 * {@code signature}; every live {@code whsec_…} in {@code webhookSecrets} (current first, then one still in its
 * rotation overlap) signs the Standard Webhooks header.
 */
public record SigningSecrets(UUID clientId, String secretKey, List<String> webhookSecrets) {
}
