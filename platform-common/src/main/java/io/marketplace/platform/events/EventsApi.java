package io.marketplace.platform.events;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;

/** The inbox every service exposes to its neighbours; the outbox relay is its only caller. */
@Path("/internal/v1/events")
@Extension(name = "x-smallrye-profile-internal", value = "")
public interface EventsApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    // on the interface, where the JAX-RS annotations are: the document is read from here
    @Operation(operationId = "receiveEvents",
            summary = "Receive a batch of events from a neighbour service (idempotent by event_id)")
    EventReceipt deliver(EventBatch batch);
}
