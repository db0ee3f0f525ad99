package io.marketplace.webhooks.service;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.IntegrationPublished;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import io.marketplace.webhooks.persistence.RedirectWatchRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Learns which integrations are published and their redirect URLs, for the redirect URL checks. */
@ApplicationScoped
public class PublicationHandler extends JsonEventHandler<IntegrationPublished> {

    @Inject
    RedirectWatchRepository watches;

    public PublicationHandler() {
        super(EventType.INTEGRATION_PUBLISHED);
    }

    @Override
    protected void validate(IntegrationPublished event, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", event.integrationId());
        violations.require(prefix + ".owner_account_id", event.ownerAccountId());
        violations.require(prefix + ".redirect_uri", event.redirectUri());
        violations.require(prefix + ".published", event.published());
    }

    @Override
    protected void handle(IntegrationPublished event, EventEnvelope envelope) {
        watches.save(event.integrationId(), event.ownerAccountId(), event.redirectUri(), event.published());
    }
}
