package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.VersionTransition;
import java.time.Instant;

/** One entry of a version's history. */
public record TransitionResponse(String from, String to, String actor, Long actorAccountId, String reason, Instant at) {

    static TransitionResponse from(VersionTransition transition) {
        return new TransitionResponse(transition.from.code(), transition.to.code(), transition.actor,
                transition.actorAccountId, transition.reason, transition.occurredAt);
    }
}
