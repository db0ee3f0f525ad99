package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.IntegrationVersion;
import io.marketplace.integrations.persistence.VersionTransition;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A version with its moderation state and history. */
public record VersionResponse(
        UUID integrationId,
        int number,
        String status,
        String category,
        String rejectionReason,
        String archiveSha256,
        Instant submittedAt,
        Instant createdAt,
        Instant updatedAt,
        List<TransitionResponse> history) {

    static VersionResponse from(IntegrationVersion version, List<VersionTransition> history) {
        return new VersionResponse(version.integration.id, version.number, version.status.code(), version.category,
                version.rejectionReason, version.archive == null ? null : version.archive.sha256, version.submittedAt,
                version.createdAt, version.updatedAt, history.stream().map(TransitionResponse::from).toList());
    }
}
