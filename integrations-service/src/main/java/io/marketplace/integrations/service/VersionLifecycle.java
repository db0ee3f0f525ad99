package io.marketplace.integrations.service;

import static io.marketplace.integrations.persistence.VersionStatus.APPROVED;
import static io.marketplace.integrations.persistence.VersionStatus.CANCELLED;
import static io.marketplace.integrations.persistence.VersionStatus.DRAFT;
import static io.marketplace.integrations.persistence.VersionStatus.IN_REVIEW;
import static io.marketplace.integrations.persistence.VersionStatus.PUBLISHED;
import static io.marketplace.integrations.persistence.VersionStatus.REJECTED;
import static io.marketplace.integrations.persistence.VersionStatus.SUPERSEDED;

import io.marketplace.integrations.persistence.IntegrationVersion;
import io.marketplace.integrations.persistence.VersionStatus;
import io.marketplace.integrations.persistence.VersionTransition;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/**
 * The moderation state machine of SPEC.md. Each move checks the status it starts from (409 otherwise) and is
 * recorded with who, when, from, to and why.
 */
@ApplicationScoped
public class VersionLifecycle {

    public enum Move {
        REVIEW(DRAFT, IN_REVIEW, "sent to review"),
        CANCEL(IN_REVIEW, CANCELLED, "withdrawn from review"),
        APPROVE(IN_REVIEW, APPROVED, "approved"),
        REJECT(IN_REVIEW, REJECTED, "rejected"),
        PUBLISH(APPROVED, PUBLISHED, "published"),
        SUPERSEDE(PUBLISHED, SUPERSEDED, "superseded");

        final VersionStatus from;
        final VersionStatus to;
        final String verb;

        Move(VersionStatus from, VersionStatus to, String verb) {
            this.from = from;
            this.to = to;
            this.verb = verb;
        }
    }

    @Inject
    EntityManager entityManager;

    @Inject
    Caller caller;

    public void apply(IntegrationVersion version, Move move, String reason) {
        if (version.status != move.from) {
            throw ProblemException.conflict("Version " + version.number + " is " + version.status.code()
                    + "; only a " + move.from.code() + " version can be " + move.verb);
        }
        record(version, move, reason, caller.userId(), callerAccount());
    }

    /** A move the platform makes by itself, such as superseding the previous published version. */
    public void applyAutomatically(IntegrationVersion version, Move move, String reason) {
        record(version, move, reason, "marketplace", null);
    }

    public List<VersionTransition> history(IntegrationVersion version) {
        return entityManager.createQuery("from VersionTransition where version = ?1 order by id", VersionTransition.class)
                .setParameter(1, version)
                .getResultList();
    }

    private void record(IntegrationVersion version, Move move, String reason, String actor, Long actorAccount) {
        Instant now = Instant.now();
        VersionTransition transition = new VersionTransition();
        transition.version = version;
        transition.from = version.status;
        transition.to = move.to;
        transition.actor = actor;
        transition.actorAccountId = actorAccount;
        transition.reason = reason;
        transition.occurredAt = now;
        entityManager.persist(transition);
        version.status = move.to;
        version.updatedAt = now;
    }

    private Long callerAccount() {
        try {
            return caller.accountId();
        } catch (ProblemException noAccount) {
            return null;
        }
    }
}
