package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.Integration;
import io.marketplace.integrations.service.IntegrationStatus;
import io.marketplace.platform.outbox.DeadLetters.DeadLetter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An integration as its owner sees it; {@code id} is also the OAuth client_id ("integration ID"). */
public record IntegrationResponse(
        UUID id,
        String code,
        long ownerAccountId,
        String redirectUri,
        @Schema(nullable = true, description = "The last check of redirect_uri; null until checked")
        RedirectUriStatus redirectUriStatus,
        @Schema(nullable = true) String revokeUrl,
        List<String> scopes,
        List<String> languages,
        @Schema(enumeration = {"draft", "in_review", "approved", "rejected", "cancelled", "published", "superseded"})
        String status,
        List<VersionSummary> versions,
        List<UndeliveredNotice> undeliveredNotices,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * A notice about this integration that a neighbour service refused for good (for example a revoke notice to a URL
     * the outbound policy forbids): it was not sent and is not retried until an operator replays it.
     */
    public record UndeliveredNotice(UUID eventId, String type, String service, String error, Instant since) {
        static UndeliveredNotice of(DeadLetter letter) {
            return new UndeliveredNotice(letter.eventId(), letter.type(), letter.destination(), letter.error(), letter.deadAt());
        }
    }

    /** The last check of the redirect URL by webhook-service (published integrations; null until checked). */
    public record RedirectUriStatus(@Schema(enumeration = {"ok", "failing"}) String status,
            @Schema(nullable = true) Instant checkedAt,
            @Schema(nullable = true) String error) {
    }

    static IntegrationResponse from(Integration integration, List<DeadLetter> undelivered) {
        return new IntegrationResponse(integration.id, integration.code, integration.ownerAccountId,
                integration.redirectUri, integration.redirectUriStatus == null ? null : new RedirectUriStatus(
                        integration.redirectUriStatus, integration.redirectUriCheckedAt, integration.redirectUriError),
                integration.revokeUrl, List.copyOf(integration.scopes),
                List.copyOf(integration.languages), IntegrationStatus.of(integration).code(),
                integration.versions.stream().map(VersionSummary::from).toList(),
                undelivered.stream().map(UndeliveredNotice::of).toList(),
                integration.createdAt, integration.updatedAt);
    }
}
