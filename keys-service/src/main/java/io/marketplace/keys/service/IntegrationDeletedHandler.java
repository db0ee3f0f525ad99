package io.marketplace.keys.service;

import io.marketplace.keys.persistence.ClientRegistrationRepository;
import io.marketplace.platform.inbox.IntegrationDeletions;
import io.marketplace.platform.persistence.InstallationStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** An integration deleted before it was ever reviewed has no client, nor installations, any more. */
@ApplicationScoped
public class IntegrationDeletedHandler extends IntegrationDeletions {

    @Inject
    ClientRegistrationRepository registrations;

    @Inject
    InstallationStateRepository installations;

    @Override
    protected void forget(UUID integrationId) {
        registrations.delete(integrationId);
        installations.forget(integrationId);
    }
}
