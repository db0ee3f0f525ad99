package io.marketplace.platform.events;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The inbox every service exposes to its neighbours; the outbox relay is its only caller. */
@Path("/internal/v1/events")
public interface EventsApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    EventReceipt deliver(EventBatch batch);
}
