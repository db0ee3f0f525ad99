package io.marketplace.integrations.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of {@code PATCH /api/v1/integrations/{id}} for the document: the service reads the body as a merge patch
 * (a field left out is kept, null removes revoke_url), so it takes a JSON tree, not this record.
 */
@Schema(description = "A JSON merge patch: fields left out are kept")
public record IntegrationPatch(
        @Schema(description = "Absolute http(s) URL; https is required before review", format = "uri",
                examples = "https://dev.example.com/oauth") String redirectUri,
        @Schema(description = "\"Access revoked\" URL; null removes it", format = "uri", nullable = true,
                examples = "https://dev.example.com/revoked") String revokeUrl,
        @Schema(description = "At least one of crm, notifications, files, files_delete", minItems = 1,
                examples = "[\"crm\"]") List<String> scopes,
        @Schema(description = "At least one of en, es, pt, tr, id", minItems = 1, examples = "[\"en\"]")
        List<String> languages) {
}
