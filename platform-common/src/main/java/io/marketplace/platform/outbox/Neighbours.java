package io.marketplace.platform.outbox;

import io.marketplace.platform.config.PlatformConfig;
import io.marketplace.platform.events.EventBatch;
import io.marketplace.platform.events.EventReceipt;
import io.marketplace.platform.events.EventsApi;
import io.marketplace.platform.security.ServiceTokenFilter;
import io.marketplace.platform.security.ServiceTokens;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One REST client per neighbour, each behind its own guard (timeout, a quick retry for blips, circuit breaker),
 * so a neighbour that is down fails fast without slowing deliveries to the others.
 * Long outages are the outbox's business: it keeps the events and retries with backoff.
 */
@ApplicationScoped
public class Neighbours {

    @Inject
    PlatformConfig config;

    @Inject
    ServiceTokens serviceTokens;

    private final Map<String, GuardedClient> clients = new ConcurrentHashMap<>();

    /** Delivers a batch to the named neighbour; throws when it is unknown, unreachable or refuses the batch. */
    public EventReceipt deliver(String neighbour, EventBatch batch) throws Exception {
        GuardedClient client = clients.computeIfAbsent(neighbour, this::connect);
        return client.guard().call(() -> client.api().deliver(batch));
    }

    private GuardedClient connect(String name) {
        PlatformConfig.Neighbour neighbour = config.neighbours().get(name);
        if (neighbour == null) {
            throw new IllegalStateException("No URL configured for neighbour " + name + " (marketplace.neighbours." + name + ".url)");
        }
        EventsApi api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(neighbour.url())
                .connectTimeout(neighbour.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(neighbour.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new ServiceTokenFilter(serviceTokens))
                .build(EventsApi.class);
        TypedGuard<EventReceipt> guard = TypedGuard.create(EventReceipt.class)
                .withDescription("neighbour " + name)
                .withTimeout().duration(neighbour.readTimeout().toMillis() + 1000, ChronoUnit.MILLIS).done()
                .withRetry().maxRetries(2).delay(200, ChronoUnit.MILLIS).jitter(100, ChronoUnit.MILLIS).done()
                .withCircuitBreaker().requestVolumeThreshold(4).failureRatio(0.75).delay(5, ChronoUnit.SECONDS).done()
                .build();
        return new GuardedClient(api, guard);
    }

    private record GuardedClient(EventsApi api, TypedGuard<EventReceipt> guard) {
    }
}
