package io.marketplace.webhooks.service;

import io.marketplace.webhooks.config.WebhookConfig;
import io.marketplace.webhooks.service.OutboundGuard.Allowed;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one GET to the address the guard checked (never resolving the name again), with the name still in the
 * Host header and used for TLS (SNI and certificate check). Non-blocking, so a hanging receiver holds no thread.
 * Redirects are not followed; the whole exchange must finish within the configured timeout.
 */
@ApplicationScoped
public class OutboundHttp {

    /** What the receiver answered, or why there is no answer ({@code statusCode} null). */
    public record Answer(Integer statusCode, Duration retryAfter, String error, long latencyMillis) {
    }

    private static final long MAX_DRAINED_BYTES = 64 * 1024;

    private final Vertx vertx;
    /**
     * Every request starts on this one event loop. Started from worker threads instead, about one keep-alive request
     * in 200 lost its answer under load (seen in bench/install-roundtrips.sh) and waited for the timeout.
     */
    private final Context context;
    private final HttpClient client;
    private final long timeoutMillis;

    @Inject
    public OutboundHttp(Vertx vertx, WebhookConfig config) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.timeoutMillis = config.timeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(config.perEndpointConcurrency())
                .setKeepAlive(true)
                .setVerifyHost(true)
                .setForceSni(true)
                .setConnectTimeout((int) timeoutMillis));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public CompletionStage<Answer> get(Allowed target, String pathAndQuery, Map<String, String> headers) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        long started = System.nanoTime();
        context.runOnContext(ignored -> send(target, pathAndQuery, headers, answer, started));
        return answer;
    }

    private void send(Allowed target, String pathAndQuery, Map<String, String> headers, CompletableFuture<Answer> answer,
            long started) {
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        long timer = vertx.setTimer(timeoutMillis, id -> {
            HttpClientRequest request = inFlight.get();
            String error = request == null ? "no connection within " + timeoutMillis + " ms"
                    : "no answer within " + timeoutMillis + " ms";
            if (answer.complete(new Answer(null, null, error, elapsed(started))) && request != null) {
                request.reset();
            }
        });
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(target.address()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(pathAndQuery)
                .setFollowRedirects(false);
        headers.forEach(options::putHeader);
        client.request(options)
                .compose(request -> {
                    inFlight.set(request);
                    return request.send();
                })
                .onSuccess(response -> {
                    // the status line is the receiver's answer: a body cut short afterwards does not change it
                    Answer answered = new Answer(response.statusCode(), retryAfter(response.getHeader("Retry-After")), null,
                            elapsed(started));
                    long[] drained = {0};
                    // read and drop the body so the connection can be reused; a receiver that streams on is cut off
                    response.handler(chunk -> {
                        drained[0] += chunk.length();
                        if (drained[0] > MAX_DRAINED_BYTES) {
                            response.request().reset();
                        }
                    });
                    // end() also completes when the body had already ended before the handler was set
                    response.end().onComplete(done -> finish(answer, timer, answered));
                })
                .onFailure(e -> finish(answer, timer, new Answer(null, null, describe(e), elapsed(started))));
    }

    private void finish(CompletableFuture<Answer> answer, long timer, Answer value) {
        vertx.cancelTimer(timer);
        answer.complete(value);
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }

    /** {@code Retry-After} in seconds or as an HTTP date; anything else is ignored. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
