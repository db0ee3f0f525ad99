package io.marketplace.keys.service;

import io.marketplace.keys.persistence.TestInstallations;
import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.InstallationEnabled;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The owner test-installed its integration: from now on the Keys view offers it an authorization code for itself. */
@ApplicationScoped
public class InstallationEnabledHandler extends JsonEventHandler<InstallationEnabled> {

    @Inject
    TestInstallations testInstallations;

    public InstallationEnabledHandler() {
        super(InstallationEnabled.class, InstallationEnabled.TYPE);
    }

    @Override
    protected void validate(InstallationEnabled event, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", event.integrationId());
        violations.require(prefix + ".account_id", event.accountId());
    }

    @Override
    protected void handle(InstallationEnabled event, EventEnvelope envelope) {
        testInstallations.installed(event.integrationId(), event.accountId(), envelope.occurredAt());
    }
}
