package io.marketplace.webhooks.service;

import io.marketplace.platform.concurrent.SharedCalls;
import io.marketplace.platform.concurrent.SharedCalls.Waiting;
import io.marketplace.platform.events.WebhookJob;
import io.marketplace.platform.keys.SigningSecrets;
import io.marketplace.webhooks.client.KeysService;
import io.marketplace.webhooks.config.WebhookConfig;
import io.marketplace.webhooks.persistence.AttemptOutcome;
import io.marketplace.webhooks.persistence.DeliveryRepository.Attempt;
import io.marketplace.webhooks.persistence.DeliveryRepository.Finished;
import io.marketplace.webhooks.persistence.DeliveryRepository.Leased;
import io.marketplace.webhooks.persistence.DeliveryRepository;
import io.marketplace.webhooks.persistence.DeliveryStatus;
import io.marketplace.webhooks.service.OutboundGuard.Allowed;
import io.marketplace.webhooks.service.OutboundGuard.Blocked;
import io.marketplace.webhooks.service.OutboundGuard.Decision;
import io.marketplace.webhooks.service.OutboundHttp.Answer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.context.api.ManagedExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Makes one attempt of a leased delivery: checks where it may go, signs it, sends it, and records the outcome
 * with the job's next state. The blocking parts (keys-service, DNS, the database) run on at most eight of Quarkus's worker threads;
 * the request itself holds no thread while it waits.
 */
@ApplicationScoped
public class Deliverer {

    private static final Logger LOG = Logger.getLogger(Deliverer.class);
    private static final int MAX_BLOCKING = 8;

    @Inject
    OutboundGuard guard;

    @Inject
    OutboundHttp http;

    @Inject
    KeysService keys;

    @Inject
    DeliveryRepository store;

    @Inject
    RetrySchedule retries;

    @Inject
    WebhookConfig config;

    @Inject
    MeterRegistry registry;

    /** Attempts ending at once, recorded together. */
    private final SharedCalls<Finished, Void> outcomes = new SharedCalls<>(MAX_BLOCKING, this::recordAll);

    /** At most eight attempts in their blocking parts at once, on Quarkus's worker pool. */
    @Inject
    @ManagedExecutorConfig(maxAsync = MAX_BLOCKING)
    ManagedExecutor blocking;

    /** Completes when the attempt is recorded (or could not be: then the lease runs out and it is retried). */
    public CompletionStage<Void> attempt(Leased job) {
        return CompletableFuture.supplyAsync(() -> prepare(job), blocking)
                .thenCompose(request -> request == null ? CompletableFuture.completedFuture(null) : send(job, request))
                .exceptionally(e -> {
                    LOG.warnf(e, "Attempt %d of delivery %s was not recorded; it is retried when its lease ends",
                            job.attempt(), job.id());
                    return null;
                });
    }

    private record Request(Allowed target, String pathAndQuery, String maskedUrl, Map<String, String> headers,
            Instant startedAt) {
    }

    /** The request to send, or null when the attempt ended here (blocked, or not possible now). */
    private Request prepare(Leased job) {
        Instant startedAt = Instant.now();
        Decision decision = guard.check(URI.create(job.url()));
        if (decision instanceof Blocked blocked) {
            LOG.warnf("Delivery %s blocked: %s", job.id(), blocked.reason());
            record(job, new Attempt(job.attempt(), startedAt, job.url(), AttemptOutcome.BLOCKED, null, null, blocked.reason()),
                    DeliveryStatus.BLOCKED, null);
            return null;
        }
        if (decision instanceof OutboundGuard.Unresolved unresolved) {
            retryOrFail(job, startedAt, job.url(), null, null, unresolved.reason(), null);
            return null;
        }
        Allowed target = (Allowed) decision;
        Map<String, String> parameters = new LinkedHashMap<>();
        SigningSecrets secrets;
        try {
            secrets = keys.signingSecrets(job.integrationId());
            if (job.kind().equals(WebhookJob.INSTALLED)) {
                parameters.put("code", keys.authorizationCode(job.integrationId(), job.accountId(), job.generation()));
                parameters.put("referer", job.referer());
                parameters.put("from_widget", "1");
                if (job.state() != null) {
                    parameters.put("state", job.state());
                }
            } else {
                parameters.put("account_id", Long.toString(job.accountId()));
                parameters.put("client_id", job.integrationId().toString());
                parameters.put("signature", Signatures.kommo(job.integrationId(), job.accountId(), secrets.secretKey()));
            }
        } catch (WebApplicationException refused) {
            if (refused.getResponse().getStatus() >= 500) {
                putBack(job, refused);
                return null;
            }
            if (refused.getResponse().getStatus() == 410 && job.kind().equals(WebhookJob.INSTALLED)) {
                String reason = "keys-service: " + DeliveryJobHandler.CANCELLED_BY_DISABLE;
                record(job, new Attempt(job.attempt(), startedAt, job.url(), AttemptOutcome.CANCELLED, null, null, reason),
                        DeliveryStatus.CANCELLED, null);
                return null;
            }
            // keys-service is up and does not know the integration (deleted): an attempt that failed, on the schedule
            retryOrFail(job, startedAt, job.url(), null, null,
                    "keys-service refused the integration's secrets: HTTP " + refused.getResponse().getStatus(), null);
            return null;
        } catch (Exception unavailable) {
            putBack(job, unavailable);
            return null;
        }
        URI uri = URI.create(job.url());
        String added = parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String query = uri.getRawQuery() == null || uri.getRawQuery().isEmpty() ? added : uri.getRawQuery() + "&" + added;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        long timestamp = startedAt.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", job.id().toString());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", Signatures.standardWebhooks(job.id().toString(), timestamp, query, secrets.webhookSecrets()));
        headers.put("User-Agent", "marketplace-webhooks/1.0");
        String base = job.url().contains("?") ? job.url().substring(0, job.url().indexOf('?')) : job.url();
        return new Request(target, path + "?" + query, base + "?" + masked(query), headers, startedAt);
    }

    private void putBack(Leased job, Exception unavailable) {
        LOG.warnf("Delivery %s waits: keys-service unavailable (%s)", job.id(), unavailable.getMessage());
        QuarkusTransaction.requiringNew().run(() -> store.putBack(job, config.notAttemptedDelay(),
                "not attempted: keys-service unavailable"));
    }

    private CompletionStage<Void> send(Leased job, Request request) {
        return http.get(request.target(), request.pathAndQuery(), request.headers())
                .thenAcceptAsync(answer -> judge(job, request, answer), blocking);
    }

    private void judge(Leased job, Request request, Answer answer) {
        Integer status = answer.statusCode();
        int latency = (int) answer.latencyMillis();
        if (status != null && status >= 200 && status < 300) {
            record(job, new Attempt(job.attempt(), request.startedAt(), request.maskedUrl(), AttemptOutcome.DELIVERED, status, latency, null),
                    DeliveryStatus.DELIVERED, null);
        } else if (status != null && status == 410) {
            record(job, new Attempt(job.attempt(), request.startedAt(), request.maskedUrl(), AttemptOutcome.GONE, status, latency,
                    "the receiver answered 410 Gone: no more attempts"), DeliveryStatus.FAILED, null);
        } else {
            String error = answer.error() != null ? answer.error()
                    : status >= 300 && status < 400 ? "redirects are not followed" : null;
            retryOrFail(job, request.startedAt(), request.maskedUrl(), status, latency, error, answer.retryAfter());
        }
    }

    private void retryOrFail(Leased job, Instant startedAt, String url, Integer status, Integer latency, String error,
            Duration retryAfter) {
        Optional<Duration> wait = retries.after(job.roundAttempt(), retryAfter);
        record(job, new Attempt(job.attempt(), startedAt, url, wait.isPresent() ? AttemptOutcome.RETRY : AttemptOutcome.FAILED, status, latency,
                error),
                wait.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED, wait.map(Instant.now()::plus).orElse(null));
    }

    private void record(Leased job, Attempt attempt, DeliveryStatus status, Instant nextAttemptAt) {
        outcomes.submit(new Finished(job, attempt, status, nextAttemptAt));
        registry.counter("marketplace.webhook.deliveries", "kind", job.kind(), "outcome", attempt.outcome().code).increment();
    }

    /**
     * Attempts ending at once are recorded in one transaction. Should it fail (a deadlock with another replica's
     * batch, say), each is recorded on its own, so that one cannot cost the others theirs.
     */
    private void recordAll(List<Waiting<Finished, Void>> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() -> store.finish(batch.stream().map(Waiting::request).toList()));
            batch.forEach(finished -> finished.answer(null));
        } catch (RuntimeException failure) {
            if (batch.size() == 1) {
                throw failure;
            }
            for (Waiting<Finished, Void> finished : batch) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> store.finish(List.of(finished.request())));
                    finished.answer(null);
                } catch (RuntimeException alone) {
                    finished.fail(alone);
                }
            }
        }
    }

    /** The query with the values that grant or prove something (the code, the signature) hidden, for the log. */
    static String masked(String query) {
        return query.replaceAll("(^|&)(code|signature)=[^&]*", "$1$2=***");
    }
}
