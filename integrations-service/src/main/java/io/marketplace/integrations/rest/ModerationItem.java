package io.marketplace.integrations.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.marketplace.integrations.persistence.IntegrationVersion;
import io.marketplace.integrations.service.archive.ArchiveReport;
import io.marketplace.platform.problem.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A version waiting for a moderator, with what the moderator needs to judge it. */
public record ModerationItem(
        UUID integrationId,
        String code,
        long ownerAccountId,
        int version,
        @Schema(enumeration = {"draft", "in_review", "approved", "rejected", "cancelled", "published", "superseded"})
        String status,
        @Schema(nullable = true) Instant submittedAt,
        List<String> languages,
        List<FieldError> completeness,
        @Schema(implementation = ArchiveReport.class, nullable = true,
                description = "The report of the version's archive; null before an upload")
        @JsonRawValue String archiveReport) {

    static ModerationItem from(IntegrationVersion version, List<FieldError> completeness) {
        return new ModerationItem(version.integration.id, version.integration.code, version.integration.ownerAccountId,
                version.number, version.status.code(), version.submittedAt, List.copyOf(version.integration.languages),
                completeness, version.archive == null ? null : version.archive.report);
    }
}
