package io.marketplace.webhooks.service;

import io.marketplace.platform.events.EventType;
import io.marketplace.platform.events.RedirectUriChecked;
import io.marketplace.platform.outbox.Outbox;
import io.marketplace.webhooks.persistence.RedirectWatchRepository.Watch;
import io.marketplace.webhooks.persistence.RedirectWatchRepository;
import io.marketplace.webhooks.service.OutboundGuard.Allowed;
import io.marketplace.webhooks.service.OutboundGuard.Blocked;
import io.marketplace.webhooks.service.OutboundGuard.Decision;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Checks the redirect URL of every published integration: a GET through the same outbound policy as deliveries,
 * answered (any status) within the timeout, with a valid certificate for https. A change (the first result, a
 * failure, a recovery) is reported to integrations-service through the outbox, which shows it in "My contributions".
 */
@ApplicationScoped
public class RedirectChecker {

    private static final Logger LOG = Logger.getLogger(RedirectChecker.class);
    static final String INTEGRATIONS_SERVICE = "integrations-service";

    @Inject
    RedirectWatchRepository watches;

    @Inject
    OutboundGuard guard;

    @Inject
    OutboundHttp http;

    @Inject
    Outbox outbox;

    public record Result(UUID integrationId, String url, String status, String error, boolean changed) {
    }

    @Scheduled(every = "{marketplace.webhooks.redirect-checks.interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        List<Result> results = checkAll();
        LOG.infof("Checked %d redirect URLs: %d failing, %d changed", results.size(),
                results.stream().filter(r -> r.status().equals(RedirectUriChecked.FAILING)).count(),
                results.stream().filter(Result::changed).count());
    }

    /**
     * Checks every published integration's redirect URL now: the requests all go out at once (each within the delivery
     * timeout, holding no thread), then the results are recorded on the calling thread.
     */
    public List<Result> checkAll() {
        List<Watch> published = QuarkusTransaction.requiringNew().call(watches::published);
        List<CompletableFuture<Outcome>> checks = published.stream().map(watch -> check(watch).toCompletableFuture()).toList();
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < published.size(); i++) {
            Outcome outcome = checks.get(i).join();
            results.add(record(published.get(i), outcome.status(), outcome.error()));
        }
        return results;
    }

    private record Outcome(String status, String error) {
    }

    private CompletionStage<Outcome> check(Watch watch) {
        Decision decision = guard.check(URI.create(watch.url()));
        if (decision instanceof Blocked blocked) {
            return CompletableFuture.completedFuture(new Outcome(RedirectUriChecked.FAILING, "not checked: " + blocked.reason()));
        }
        if (decision instanceof OutboundGuard.Unresolved unresolved) {
            return CompletableFuture.completedFuture(new Outcome(RedirectUriChecked.FAILING, unresolved.reason()));
        }
        URI uri = URI.create(watch.url());
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return http.get((Allowed) decision, path, Map.of("User-Agent", "marketplace-redirect-check/1.0"))
                .thenApply(answer -> answer.statusCode() != null ? new Outcome(RedirectUriChecked.OK, null)
                        : new Outcome(RedirectUriChecked.FAILING, answer.error()));
    }

    private Result record(Watch watch, String status, String error) {
        Instant now = Instant.now();
        boolean changed = !Objects.equals(watch.status(), status);
        QuarkusTransaction.requiringNew().run(() -> {
            if (watches.record(watch.integrationId(), watch.url(), status, now, error) && changed) {
                outbox.enqueue(INTEGRATIONS_SERVICE, EventType.REDIRECT_URI_CHECKED,
                        new RedirectUriChecked(watch.integrationId(), status, now, error, watch.url()));
            }
        });
        return new Result(watch.integrationId(), watch.url(), status, error, changed);
    }
}
