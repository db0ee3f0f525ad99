package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.IntegrationVersion;
import io.marketplace.integrations.persistence.VersionTransition;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A version with its moderation state and history. */
public record VersionResponse(
        UUID integrationId,
        int number,
        @Schema(enumeration = {"draft", "in_review", "approved", "rejected", "cancelled", "published", "superseded"})
        String status,
        @Schema(nullable = true, enumeration = {"analytics", "automation", "chats", "documents", "email", "finance",
                "lead_generation", "messengers", "sales", "telephony", "other"})
        String category,
        @Schema(nullable = true) String rejectionReason,
        @Schema(nullable = true) String archiveSha256,
        @Schema(nullable = true) Instant submittedAt,
        Instant createdAt,
        Instant updatedAt,
        List<TransitionResponse> history) {

    static VersionResponse from(IntegrationVersion version, List<VersionTransition> history) {
        return new VersionResponse(version.integration.id, version.number, version.status.code(), version.category,
                version.rejectionReason, version.archive == null ? null : version.archive.sha256, version.submittedAt,
                version.createdAt, version.updatedAt, history.stream().map(TransitionResponse::from).toList());
    }
}
