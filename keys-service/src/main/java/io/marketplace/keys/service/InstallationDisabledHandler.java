package io.marketplace.keys.service;

import io.marketplace.keys.persistence.TestInstallations;
import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.InstallationDisabled;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * An account disabled an integration: every grant it gave that integration is revoked (refresh and access tokens), and
 * an owner's test install is over.
 */
@ApplicationScoped
public class InstallationDisabledHandler extends JsonEventHandler<InstallationDisabled> {

    @Inject
    TokenService tokens;

    @Inject
    TestInstallations testInstallations;

    public InstallationDisabledHandler() {
        super(InstallationDisabled.class, InstallationDisabled.TYPE);
    }

    @Override
    protected void validate(InstallationDisabled event, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", event.integrationId());
        violations.require(prefix + ".account_id", event.accountId());
    }

    @Override
    protected void handle(InstallationDisabled event, EventEnvelope envelope) {
        tokens.revokeAll(event.integrationId(), event.accountId());
        testInstallations.disabled(event.integrationId(), event.accountId(), envelope.occurredAt());
    }
}
