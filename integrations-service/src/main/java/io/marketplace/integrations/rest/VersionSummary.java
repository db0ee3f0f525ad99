package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.IntegrationVersion;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record VersionSummary(
        int number,
        @Schema(enumeration = {"draft", "in_review", "approved", "rejected", "cancelled", "published", "superseded"})
        String status,
        @Schema(nullable = true, enumeration = {"analytics", "automation", "chats", "documents", "email", "finance",
                "lead_generation", "messengers", "sales", "telephony", "other"})
        String category,
        @Schema(nullable = true) String rejectionReason,
        Instant createdAt,
        Instant updatedAt) {

    static VersionSummary from(IntegrationVersion version) {
        return new VersionSummary(version.number, version.status.code(), version.category, version.rejectionReason,
                version.createdAt, version.updatedAt);
    }
}
