package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.IntegrationVersion;
import java.time.Instant;

public record VersionSummary(int number, String status, String category, String rejectionReason, Instant createdAt,
        Instant updatedAt) {

    static VersionSummary from(IntegrationVersion version) {
        return new VersionSummary(version.number, version.status.code(), version.category, version.rejectionReason,
                version.createdAt, version.updatedAt);
    }
}
