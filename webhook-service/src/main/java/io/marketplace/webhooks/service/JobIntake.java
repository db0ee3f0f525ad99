package io.marketplace.webhooks.service;

import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.WebhookJob;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.problem.Violations;
import io.marketplace.webhooks.persistence.DeliveryStore;
import io.marketplace.webhooks.persistence.DeliveryStore.NewDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Accepts delivery jobs from integrations-service through the shared inbox: the whole batch is checked first
 * (URLs included, without any lookup or connection), then stored in the inbox's transaction, so a job is
 * acknowledged only once it is stored, and a job id seen before is not stored twice. The dispatcher is woken
 * once the transaction commits.
 */
@ApplicationScoped
public class JobIntake extends JsonEventHandler<WebhookJob> {

    @Inject
    DeliveryStore store;

    @Inject
    OutboundGuard guard;

    @Inject
    DeliveryDispatcher dispatcher;

    public JobIntake() {
        super(WebhookJob.class, WebhookJob.INSTALLED, WebhookJob.ACCESS_REVOKED);
    }

    @Override
    protected void validate(WebhookJob job, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", job.integrationId());
        positive(job.ownerAccountId(), prefix + ".owner_account_id", violations);
        positive(job.accountId(), prefix + ".account_id", violations);
        if (violations.require(prefix + ".url", job.url())) {
            guard.refusal(job.url()).ifPresent(reason -> violations.add(prefix + ".url", "invalid_url", "url " + reason));
        }
    }

    @Override
    protected void validate(String type, WebhookJob job, String prefix, Violations violations) {
        if (type.equals(WebhookJob.INSTALLED) && (job.referer() == null || job.referer().isBlank())) {
            violations.add(prefix + ".referer", "required", "referer (the account's subdomain) is required for installed");
        }
    }

    @Override
    protected void handle(WebhookJob job, EventEnvelope event) {
        handleAll(List.of(event));
    }

    @Override
    public void handleAll(List<EventEnvelope> events) {
        store.insert(events.stream().map(event -> {
            WebhookJob job = data(event);
            return new NewDelivery(event.eventId(), job.integrationId(), job.ownerAccountId(), job.accountId(), event.type(),
                    job.url(), job.referer(), job.state(), endpoint(URI.create(job.url())));
        }).toList());
        dispatcher.wakeUpAfterCommit();
    }

    private static void positive(Long value, String field, Violations violations) {
        if (violations.require(field, value) && value <= 0) {
            violations.add(field, "invalid", field.substring(field.lastIndexOf('.') + 1) + " must be a positive integer");
        }
    }

    /** What the per-endpoint limit counts by: scheme, host and port. */
    static String endpoint(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
