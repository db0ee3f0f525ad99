package io.marketplace.stats.service;

import io.marketplace.platform.events.InstallationEvent;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class UninstallHandler extends InstallationEventsHandler {
    public UninstallHandler() {
        super(InstallationEvent.UNINSTALL);
    }
}
