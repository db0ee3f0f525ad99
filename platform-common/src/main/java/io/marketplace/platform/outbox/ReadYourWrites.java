package io.marketplace.platform.outbox;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.arc.ManagedContext;
import io.quarkus.arc.Unremovable;
import io.vertx.core.Context;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Events that must reach their neighbour before the HTTP request that committed them is answered, so that the
 * caller's next request to that neighbour sees the change (read-your-writes across services). Collected when their
 * transaction commits; handed over by {@link Filter} once the resource method (and its transaction) is done, through
 * {@link OutboxRelay#deliverNow}. A neighbour that is down does not fail the request: the answer goes out and the
 * outbox delivers the events as soon as it is back.
 */
// looked up, never injected: kept although no injection point names it
@Unremovable
@RequestScoped
public class ReadYourWrites {

    private static final Logger LOG = Logger.getLogger(ReadYourWrites.class);

    private final Map<String, List<UUID>> committed = new LinkedHashMap<>();

    /** Called once the event's transaction committed; outside an HTTP request nobody waits for it. */
    static void committed(String destination, UUID eventId) {
        if (Arc.container().requestContext().isActive()) {
            Arc.container().instance(ReadYourWrites.class).get().add(destination, eventId);
        }
    }

    // public: called through the bean's client proxy, which only forwards what is not private
    public synchronized void add(String destination, UUID eventId) {
        committed.computeIfAbsent(destination, key -> new ArrayList<>()).add(eventId);
    }

    public synchronized Map<String, List<UUID>> drain() {
        Map<String, List<UUID>> events = new LinkedHashMap<>(committed);
        committed.clear();
        return events;
    }

    /** Runs after the resource method, before the answer is written; on the worker thread of a blocking endpoint. */
    @Provider
    @Priority(Priorities.USER)
    public static class Filter implements ContainerResponseFilter {

        /** Looked up without creating it: most requests commit no such event, and need not pay for the bean. */
        private final InjectableBean<ReadYourWrites> bean = Arc.container().instance(ReadYourWrites.class).getBean();

        @Inject
        OutboxRelay relay;

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            ManagedContext requestContext = Arc.container().requestContext();
            ReadYourWrites pending = requestContext.isActive() ? requestContext.get(bean) : null;
            Map<String, List<UUID>> events = pending == null ? Map.of() : pending.drain();
            if (events.isEmpty()) {
                return;
            }
            if (Context.isOnEventLoopThread()) {
                LOG.warnf("Outbox: %s committed on an event loop; not waiting for their delivery", events);
                return;
            }
            events.forEach(relay::deliverNow);
        }
    }
}
