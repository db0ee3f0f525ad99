package io.marketplace.platform.events;

import java.util.UUID;

/**
 * integrations-service's decision about installation {@code generation} of (integration, account): the data of
 * {@code installation.enabled} and {@code installation.disabled}. keys-service reads the pair and the generation (each
 * install of a pair starts a new one); stats-service the owner, the widget code and the Marketplace language. Events
 * queued before these fields were added lack some of them (the former {@code install} had no generation, the former
 * {@code installation.enabled} no language): each receiver checks only what it reads.
 */
public record InstallationUpdate(UUID integrationId, String widgetCode, Long ownerAccountId, Long accountId, Long generation,
        String language) {
}
