package io.marketplace.integrations.service;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Stage 1 of a public integration. Lists of strings (not enums) so that every unknown value is reported at once. */
@Schema(requiredProperties = {"code", "redirect_uri", "scopes", "languages"})
public record NewIntegration(
        @Schema(description = "Widget code: Latin letters, digits and _, starting with a lower-case letter; 1-64 characters; unique",
                pattern = "^[a-z][A-Za-z0-9_]*$", maxLength = IntegrationRules.MAX_CODE_LENGTH, examples = "my_widget")
        String code,
        @Schema(description = "Absolute http(s) URL; https is required before review", format = "uri",
                examples = "https://dev.example.com/oauth")
        String redirectUri,
        @Schema(description = "Optional \"access revoked\" URL; https is required before review", format = "uri",
                nullable = true, examples = "https://dev.example.com/revoked")
        String revokeUrl,
        @Schema(description = "At least one of crm, notifications, files, files_delete",
                minItems = 1) List<String> scopes,
        @Schema(description = "At least one of en, es, pt, tr, id; the first is the listing's fallback", minItems = 1)
        List<String> languages) {
}
