package io.marketplace.platform.events;

import java.util.UUID;

/**
 * integrations-service → stats-service: an account installed ({@link #INSTALL}) or disabled ({@link #UNINSTALL}) an
 * integration, in one Marketplace language. The envelope carries the event id and when it happened.
 */
public record InstallationEvent(UUID integrationId, String widgetCode, Long ownerAccountId, Long accountId, String language) {
    public static final String INSTALL = "install";
    public static final String UNINSTALL = "uninstall";
}
