package io.marketplace.webhooks.service;

import io.marketplace.platform.concurrent.WakeUpSignal;
import io.marketplace.webhooks.config.WebhookConfig;
import io.marketplace.webhooks.persistence.DeliveryRepository.Candidate;
import io.marketplace.webhooks.persistence.DeliveryRepository.Leased;
import io.marketplace.webhooks.persistence.DeliveryRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.context.api.ManagedExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Leases due deliveries and hands them to the {@link Deliverer}. One loop per replica; replicas share the table
 * through {@code FOR UPDATE SKIP LOCKED}. It wakes when a job is accepted or an attempt ends, and polls otherwise
 * (retries coming due, jobs whose lease ran out). Each endpoint gets at most a few requests in flight, and an
 * endpoint at its limit is left out of the next lease, so a slow receiver never holds up the others.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);
    private static final long RELEASE_COALESCING_MILLIS = 5;

    @Inject
    DeliveryRepository store;

    @Inject
    Deliverer deliverer;

    @Inject
    WebhookConfig config;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** The loop's one thread, taken from Quarkus's worker pool and given back at shutdown. */
    @Inject
    @ManagedExecutorConfig(maxAsync = 1)
    ManagedExecutor loop;

    private final WakeUpSignal signal = new WakeUpSignal();
    /** Requests in flight per endpoint; guarded by {@code this}. */
    private final Map<String, Integer> inFlight = new HashMap<>();
    private int inFlightTotal;
    private volatile boolean running;
    /** Set when jobs may have become due; a finished attempt only frees room, which can wait for a few more. */
    private volatile boolean newWork;

    void start(@Observes StartupEvent event) {
        if (!config.dispatcherEnabled()) {
            LOG.info("Webhook dispatcher disabled: deliveries are accepted and stored only");
            return;
        }
        running = true;
        loop.runAsync(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp();
    }

    /** Look for due deliveries now rather than at the next poll. */
    public void wakeUp() {
        newWork = true;
        signal.wakeUp();
    }

    /** Look for due deliveries as soon as the current transaction commits (what it wrote is visible then). */
    public void wakeUpAfterCommit() {
        newWork = true;
        signal.wakeUpAfterCommit(transactions);
    }

    private void run() {
        while (running) {
            try {
                signal.await(config.pollInterval());
                if (!newWork) {
                    // woken by finished attempts only: let a few more finish so one lease fills their room
                    Thread.sleep(RELEASE_COALESCING_MILLIS);
                }
                newWork = false;
                while (running && dispatchDue()) {
                    // keep leasing while room or an endpoint's slots ran out: more may be due
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Could not lease due deliveries (%s); trying again at the next poll", e.getMessage());
            }
        }
    }

    /**
     * Leases the due jobs there is room for; answers whether more may be due than it could take (its room ran out, or
     * an endpoint's slots did, and the next lease leaves that endpoint out). Otherwise it took all that was due, and
     * a new job or a finished attempt wakes the loop again: looking once more would find nothing.
     */
    private boolean dispatchDue() {
        int room;
        Map<String, Integer> freeSlots = new HashMap<>();
        synchronized (this) {
            room = config.maxInFlight() - inFlightTotal;
            inFlight.forEach((endpoint, count) -> freeSlots.put(endpoint, config.perEndpointConcurrency() - count));
        }
        if (room <= 0) {
            return false;
        }
        List<Leased> leased = QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> due = store.due(room, freeSlots, config.perEndpointConcurrency()).stream().map(Candidate::id).toList();
            return due.isEmpty() ? List.<Leased>of() : store.lease(due, config.lease());
        });
        boolean full = leased.size() >= room;
        for (Leased job : leased) {
            synchronized (this) {
                inFlightTotal++;
                full |= inFlight.merge(job.endpoint(), 1, Integer::sum) >= config.perEndpointConcurrency();
            }
            deliverer.attempt(job).whenComplete((done, failure) -> release(job));
        }
        return full;
    }

    private void release(Leased job) {
        synchronized (this) {
            inFlightTotal--;
            inFlight.computeIfPresent(job.endpoint(), (endpoint, count) -> count == 1 ? null : count - 1);
        }
        signal.wakeUp();
    }
}
