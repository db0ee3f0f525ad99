package io.marketplace.platform.events;

import java.util.UUID;

/** What integrations-service decided about installation {@code generation} of (integration, account). */
public interface InstallationChange {
    UUID integrationId();

    Long accountId();

    Long generation();
}
