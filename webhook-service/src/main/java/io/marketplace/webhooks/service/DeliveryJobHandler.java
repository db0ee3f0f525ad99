package io.marketplace.webhooks.service;

import io.marketplace.platform.domain.InstallationState;
import io.marketplace.platform.events.EventEnvelope;
import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.WebhookJob;
import io.marketplace.platform.inbox.JsonEventHandler;
import io.marketplace.platform.outbound.OutboundUrls;
import io.marketplace.platform.persistence.InstallationStateRepository.Pair;
import io.marketplace.platform.persistence.InstallationStateRepository;
import io.marketplace.platform.problem.Violations;
import io.marketplace.webhooks.persistence.DeliveryRepository.NewDelivery;
import io.marketplace.webhooks.persistence.DeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Accepts delivery jobs from integrations-service through the shared inbox: the whole batch is checked first
 * (without any lookup or connection), then stored in the inbox's transaction, so a job is
 * acknowledged only once it is stored, and a job id seen before is not stored twice. The dispatcher is woken
 * once the transaction commits.
 */
@ApplicationScoped
public class DeliveryJobHandler extends JsonEventHandler<WebhookJob> {

    @Inject
    DeliveryRepository store;

    @Inject
    DeliveryDispatcher dispatcher;

    @Inject
    InstallationStateRepository states;

    static final String CANCELLED_BY_DISABLE = "the account disabled the integration before the code was sent";

    public DeliveryJobHandler() {
        super(EventType.CODE_DELIVERY_REQUESTED, EventType.REVOKE_NOTICE_REQUESTED);
    }

    @Override
    protected void validate(WebhookJob job, String prefix, Violations violations) {
        violations.require(prefix + ".integration_id", job.integrationId());
        violations.requirePositive(prefix + ".owner_account_id", job.ownerAccountId());
        violations.requirePositive(prefix + ".account_id", job.accountId());
        violations.requirePositive(prefix + ".generation", job.generation());
        // a URL the outbound policy forbids is stored and then blocked, visibly in the delivery log; only one that is
        // no URL at all is refused here
        if (job.url() != null) {
            OutboundUrls.malformed(job.url()).ifPresent(reason -> violations.add(prefix + ".url", "invalid_url", "url " + reason));
        }
    }

    @Override
    protected void validate(EventType type, WebhookJob job, String prefix, Violations violations) {
        if (type == EventType.CODE_DELIVERY_REQUESTED) {
            // a revoke notice may come without a URL (the integration has none): it then only cancels codes not yet sent
            violations.require(prefix + ".url", job.url());
            if (job.referer() == null || job.referer().isBlank()) {
                violations.add(prefix + ".referer", "required", "referer (the account's subdomain) is required for installed");
            }
        }
    }

    @Override
    protected void handle(WebhookJob job, EventEnvelope event) {
        handleAll(List.of(event));
    }

    /**
     * Stores the batch's jobs after merging what they say about their installations. A code delivery of an
     * installation already over is stored as cancelled; a revoke notice cancels the code deliveries of its
     * installation (and earlier ones) not yet sent, and is itself cancelled if the code of a later installation has
     * already gone out (sent now, it would arrive after that code).
     */
    @Override
    public void handleAll(List<EventEnvelope> events) {
        List<Accepted> jobs = events.stream().map(event -> new Accepted(event, data(event))).toList();
        Map<Pair, InstallationState> installations = states.merge(jobs.stream()
                .map(accepted -> Map.entry(accepted.pair(), accepted.reported())).toList());
        Map<Pair, Long> revoked = new HashMap<>();
        jobs.stream().filter(Accepted::revokes).forEach(accepted -> revoked.merge(accepted.pair(), accepted.job().generation(), Math::max));
        store.cancelCodeDeliveries(revoked, CANCELLED_BY_DISABLE);
        Map<Pair, Long> latestCodeSent = store.latestCodeSent(revoked.keySet());
        List<NewDelivery> deliveries = jobs.stream().filter(accepted -> accepted.job().url() != null).map(accepted -> {
            WebhookJob job = accepted.job();
            String cancelled = null;
            if (!accepted.revokes() && !installations.get(accepted.pair()).admits(job.generation())) {
                cancelled = CANCELLED_BY_DISABLE;
            } else if (accepted.revokes() && latestCodeSent.getOrDefault(accepted.pair(), 0L) > job.generation()) {
                cancelled = "the code of a later installation was already sent: this notice would arrive after it";
            }
            return new NewDelivery(accepted.event().eventId(), job.integrationId(), job.ownerAccountId(), job.accountId(),
                    job.generation(), WebhookJob.kind(type(accepted.event())), job.url(), job.referer(), job.state(),
                    endpoint(URI.create(job.url())), cancelled);
        }).toList();
        if (!deliveries.isEmpty()) {
            store.insert(deliveries);
        }
        dispatcher.wakeUpAfterCommit();
    }

    private record Accepted(EventEnvelope event, WebhookJob job) {
        boolean revokes() {
            return type(event) == EventType.REVOKE_NOTICE_REQUESTED;
        }

        Pair pair() {
            return new Pair(job.integrationId(), job.accountId());
        }

        InstallationState reported() {
            return revokes() ? InstallationState.disabled(job.generation()) : InstallationState.installed(job.generation());
        }
    }

    /** What the per-endpoint limit counts by: scheme, host and port. */
    static String endpoint(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
