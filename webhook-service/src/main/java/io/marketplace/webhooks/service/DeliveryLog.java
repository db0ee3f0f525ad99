package io.marketplace.webhooks.service;

import io.marketplace.platform.domain.InstallationState;
import io.marketplace.platform.events.WebhookJob;
import io.marketplace.platform.paging.PageRequest;
import io.marketplace.platform.persistence.InstallationStateRepository;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.problem.Violations;
import io.marketplace.platform.security.Caller;
import io.marketplace.webhooks.persistence.DeliveryRepository.Attempt;
import io.marketplace.webhooks.persistence.DeliveryRepository.Delivery;
import io.marketplace.webhooks.persistence.DeliveryRepository;
import io.marketplace.webhooks.persistence.DeliveryStatus;
import io.marketplace.webhooks.persistence.RedirectWatchRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery log of an integration, for admins of its owning technical account. Deliveries of other accounts'
 * integrations are as good as absent: the list is empty and a single delivery is 404.
 */
@ApplicationScoped
public class DeliveryLog {


    @Inject
    DeliveryRepository store;

    @Inject
    Caller caller;

    @Inject
    DeliveryDispatcher dispatcher;

    @Inject
    InstallationStateRepository installations;

    @Inject
    RedirectWatchRepository watches;

    public record Filter(DeliveryStatus status, Instant from, Instant to, PageRequest page) {
    }

    public record Entry(Delivery delivery, List<Attempt> attempts) {
    }

    /** {@code status} a delivery status; {@code from}/{@code to} instants or dates (a date {@code to} includes that day). */
    public static Filter filter(String status, String from, String to, String page, String limit) {
        Violations violations = new Violations();
        Optional<DeliveryStatus> wanted = status == null ? Optional.empty() : DeliveryStatus.of(status);
        if (status != null && wanted.isEmpty()) {
            violations.add("status", "unknown_value", "status must be one of " + DeliveryStatus.allCodes());
        }
        Instant start = instant(from, "from", false, violations);
        Instant end = instant(to, "to", true, violations);
        if (start != null && end != null && start.isAfter(end)) {
            violations.add("from", "after_to", "from must not be after to");
        }
        PageRequest pageRequest = PageRequest.parse(page, limit, violations);
        violations.throwIfAny();
        return new Filter(wanted.orElse(null), start, end, pageRequest);
    }

    @Transactional
    public List<Entry> list(UUID integrationId, Filter filter) {
        caller.requireTechnicalAccount();
        if (!watches.owns(integrationId, caller.accountId())) {
            throw ProblemException.notFound("No integration " + integrationId + " in this account");
        }
        List<Delivery> deliveries = store.page(integrationId, caller.accountId(), filter.status(), filter.from(), filter.to(),
                filter.page().limit() + 1, filter.page().offset());
        Map<UUID, List<Attempt>> attempts = store.attempts(deliveries.stream().map(Delivery::id).toList());
        return deliveries.stream().map(d -> new Entry(d, attempts.getOrDefault(d.id(), List.of()))).toList();
    }

    @Transactional
    public Entry get(UUID integrationId, UUID deliveryId) {
        caller.requireTechnicalAccount();
        Delivery delivery = store.find(integrationId, caller.accountId(), deliveryId)
                .orElseThrow(() -> ProblemException.notFound("No delivery " + deliveryId + " of integration " + integrationId));
        return new Entry(delivery, store.attempts(List.of(deliveryId)).getOrDefault(deliveryId, List.of()));
    }

    /**
     * Sends a finished delivery again (same webhook-id, a fresh retry schedule); 409 while it is still pending, when it
     * was cancelled, and when sending it now would break the order of its installation's notices: a code of an
     * installation that is over, or a revoke notice once the account installed again.
     */
    @Transactional
    public Entry redeliver(UUID integrationId, UUID deliveryId) {
        Delivery delivery = get(integrationId, deliveryId).delivery();
        InstallationState installation = installations.read(integrationId, delivery.accountId());
        if (delivery.kind().equals(WebhookJob.INSTALLED) ? !installation.admits(delivery.generation())
                : installation.generation() > delivery.generation()) {
            throw ProblemException.conflict("Delivery " + deliveryId + " is about an installation the account has since "
                    + (delivery.kind().equals(WebhookJob.INSTALLED) ? "disabled" : "installed again")
                    + "; sending it now would arrive out of order");
        }
        if (!store.requeue(deliveryId)) {
            throw ProblemException.conflict("Delivery " + deliveryId + " is " + delivery.status().code
                    + (delivery.status() == DeliveryStatus.PENDING ? "; it is attempted on its schedule" : " and is never sent"));
        }
        dispatcher.wakeUpAfterCommit();
        return get(integrationId, deliveryId);
    }

    private static Instant instant(String text, String field, boolean endOfDay, Violations violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).plusDays(endOfDay ? 1 : 0).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(field, "invalid_date", field + " must be a date (2026-11-24) or an instant (2026-11-24T10:00:00Z)");
            return null;
        }
    }
}
