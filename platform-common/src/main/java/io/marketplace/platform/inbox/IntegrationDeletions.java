package io.marketplace.platform.inbox;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.IntegrationDeleted;
import io.marketplace.platform.problem.Violations;
import java.util.UUID;

/**
 * {@code integration.deleted} as every receiver reads it: the integration's id is all it carries, and the receiver
 * drops what it keeps of that integration.
 */
public abstract class IntegrationDeletions extends JsonEventHandler<IntegrationDeleted> {

    protected IntegrationDeletions() {
        super(EventType.INTEGRATION_DELETED);
    }

    /** Drops what this service keeps of the integration, in the inbox's transaction. */
    protected abstract void forget(UUID integrationId);

    @Override
    protected final void validate(IntegrationDeleted deleted, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", deleted.integrationId());
    }

    @Override
    protected final void handle(IntegrationDeleted deleted, EventEnvelope event) {
        forget(deleted.integrationId());
    }
}
