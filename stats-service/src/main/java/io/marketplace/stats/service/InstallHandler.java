package io.marketplace.stats.service;

import io.marketplace.platform.events.InstallationEvent;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class InstallHandler extends InstallationEventsHandler {
    public InstallHandler() {
        super(InstallationEvent.INSTALL);
    }
}
