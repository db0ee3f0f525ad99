package io.marketplace.integrations.service;

import io.marketplace.integrations.persistence.Integration;
import io.marketplace.integrations.persistence.IntegrationRepository;
import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.RedirectUriChecked;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Keeps what webhook-service's checks found about each redirect URL, for "My contributions". A late, older report
 * changes nothing, nor does one about a URL the integration has since replaced.
 */
@ApplicationScoped
public class RedirectUriCheckedHandler extends JsonEventHandler<RedirectUriChecked> {

    @Inject
    IntegrationRepository integrations;

    public RedirectUriCheckedHandler() {
        super(EventType.REDIRECT_URI_CHECKED);
    }

    @Override
    protected void validate(RedirectUriChecked report, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", report.integrationId());
        violations.require(prefix + ".checked_at", report.checkedAt());
        if (violations.require(prefix + ".status", report.status())
                && !Set.of(RedirectUriChecked.OK, RedirectUriChecked.FAILING).contains(report.status())) {
            violations.add(prefix + ".status", "unknown_value", "status must be ok or failing");
        }
    }

    @Override
    protected void handle(RedirectUriChecked report, EventEnvelope event) {
        integrations.lockForChange(report.integrationId()); // or a PATCH beside it could be written back as it was
        Integration integration = integrations.findById(report.integrationId());
        if (integration == null || (integration.redirectUriCheckedAt != null
                && integration.redirectUriCheckedAt.isAfter(report.checkedAt()))
                || (report.redirectUri() != null && !report.redirectUri().equals(integration.redirectUri))) {
            return;
        }
        integration.redirectUriStatus = report.status();
        integration.redirectUriCheckedAt = report.checkedAt();
        integration.redirectUriError = report.error();
    }
}
