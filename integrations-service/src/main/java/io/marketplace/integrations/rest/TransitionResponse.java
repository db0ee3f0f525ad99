package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.VersionTransition;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of a version's history. */
public record TransitionResponse(
        @Schema(enumeration = {"draft", "in_review", "approved", "rejected", "cancelled", "published", "superseded"})
        String from,
        @Schema(enumeration = {"draft", "in_review", "approved", "rejected", "cancelled", "published", "superseded"})
        String to,
        String actor,
        @Schema(nullable = true) Long actorAccountId,
        @Schema(nullable = true) String reason,
        Instant at) {

    static TransitionResponse from(VersionTransition transition) {
        return new TransitionResponse(transition.from.code(), transition.to.code(), transition.actor,
                transition.actorAccountId, transition.reason, transition.occurredAt);
    }
}
