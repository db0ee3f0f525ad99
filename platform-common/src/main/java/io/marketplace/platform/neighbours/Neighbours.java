package io.marketplace.platform.neighbours;

import io.marketplace.platform.config.PlatformConfig;
import io.marketplace.platform.events.EventBatch;
import io.marketplace.platform.events.EventReceipt;
import io.marketplace.platform.events.EventsApi;
import io.marketplace.platform.security.ServiceTokenFilter;
import io.marketplace.platform.security.ServiceTokens;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * The calls to neighbour services, synchronous ones and the outbox's deliveries alike: one REST client per neighbour
 * and API, each neighbour behind its own guard (timeout, a quick retry for blips, circuit breaker), so a neighbour
 * that is down fails fast without slowing calls to the others. Long outages are the outbox's business: it keeps the
 * events and retries. A failure is a runtime exception: {@link WebApplicationException} when the neighbour answered
 * with an error, {@link ProcessingException} or a {@link FaultToleranceException} when it could not be reached.
 */
@ApplicationScoped
public class Neighbours {

    /** An open breaker lets a trial call through this soon: a neighbour back from an outage is used again at once. */
    private static final long BREAKER_DELAY_MILLIS = 500;

    @Inject
    PlatformConfig config;

    @Inject
    ServiceTokens serviceTokens;

    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private final Map<String, Object> clients = new ConcurrentHashMap<>();

    /** Delivers a batch to the named neighbour; throws when it is unknown, unreachable or refuses the batch. */
    public EventReceipt deliver(String neighbour, EventBatch batch) {
        return call(neighbour, EventsApi.class, EventReceipt.class, api -> api.deliver(batch));
    }

    /**
     * Calls the named neighbour through its REST client interface {@code apiType}, under the neighbour's guard.
     * A 4xx answer (a {@link WebApplicationException}) is not retried: asking again would get the same answer.
     */
    public <A, R> R call(String neighbour, Class<A> apiType, Class<R> resultType, Function<A, R> call) {
        A api = apiType.cast(clients.computeIfAbsent(neighbour + "/" + apiType.getName(), key -> connect(neighbour, apiType)));
        try {
            return guards.computeIfAbsent(neighbour, this::guard).call(() -> call.apply(api), resultType);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // the call throws no checked exception; the guard's signature does
            throw new IllegalStateException("Call to " + neighbour + " failed", e);
        }
    }

    private <A> A connect(String name, Class<A> apiType) {
        PlatformConfig.Neighbour neighbour = neighbour(name);
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(neighbour.url())
                .connectTimeout(neighbour.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(neighbour.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new ServiceTokenFilter(serviceTokens))
                .build(apiType);
    }

    private Guard guard(String name) {
        return Guard.create()
                .withDescription("neighbour " + name)
                .withTimeout().duration(neighbour(name).readTimeout().toMillis() + 1000, ChronoUnit.MILLIS).done()
                .withRetry().maxRetries(2).delay(200, ChronoUnit.MILLIS).jitter(100, ChronoUnit.MILLIS)
                .whenException(Neighbours::worthRetryingNow).done()
                .withCircuitBreaker().requestVolumeThreshold(4).failureRatio(0.75).delay(BREAKER_DELAY_MILLIS, ChronoUnit.MILLIS)
                .when(Neighbours::worthRetrying).done()
                .build();
    }

    private PlatformConfig.Neighbour neighbour(String name) {
        PlatformConfig.Neighbour neighbour = config.neighbours().get(name);
        if (neighbour == null) {
            throw new IllegalStateException("No URL configured for neighbour " + name + " (marketplace.neighbours." + name + ".url)");
        }
        return neighbour;
    }

    /**
     * Whether the neighbour could not be reached at all (refused, timed out, its breaker open, or it answered 503
     * because its own database is away), as opposed to having answered with an error.
     */
    public static boolean unreachable(Throwable e) {
        if (e instanceof WebApplicationException web) {
            return web.getResponse().getStatus() == 503;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProcessingException || cause instanceof FaultToleranceException || cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the neighbour refused the request for good: a 4xx that asking again would not change. 408, 409 and 429
     * are about the moment; 401 and 403 are about this service's credentials (a deployment's slip, fixed without
     * touching the events), so they are retried too.
     */
    public static boolean refusedForGood(Throwable e) {
        if (!(e instanceof WebApplicationException web)) {
            return false;
        }
        int status = web.getResponse().getStatus();
        return status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 409
                && status != 429;
    }

    /** A 4xx answer says the neighbour is up and the request was wrong: neither a retry nor a breaker failure. */
    private static boolean worthRetrying(Throwable e) {
        return !(e instanceof WebApplicationException web && web.getResponse().getStatus() < 500);
    }

    /** Retrying at once while the breaker is open only waits for the same refusal. */
    private static boolean worthRetryingNow(Throwable e) {
        return worthRetrying(e) && !(e instanceof CircuitBreakerOpenException);
    }
}
