package io.marketplace.webhooks.rest;

import io.marketplace.platform.paging.PageResponse;
import io.marketplace.platform.security.Roles;
import io.marketplace.webhooks.service.DeliveryLog.Filter;
import io.marketplace.webhooks.service.DeliveryLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delivery log of an integration and manual redelivery, for admins of its owning technical account. */
@Path("/api/v1/integrations/{id}/deliveries")
@Tag(name = "deliveries", description = "Outbound webhook deliveries and their attempts")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @Inject
    DeliveryLog log;

    @GET
    @Operation(operationId = "listDeliveries",
            summary = "Deliveries, newest first, each with its attempts; status, from and to (date or instant) filter")
    public PageResponse<DeliveryView> list(@PathParam("id") UUID id, @QueryParam("status") String status,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") String page,
            @QueryParam("limit") String limit, @Context UriInfo uri) {
        Filter filter = DeliveryLog.filter(status, from, to, page, limit);
        return PageResponse.of("deliveries", filter.page(), log.list(id, filter).stream().map(DeliveryView::of).toList(), uri);
    }

    @GET
    @Path("{deliveryId}")
    @Operation(operationId = "getDelivery", summary = "One delivery with its attempts")
    public DeliveryView get(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return DeliveryView.of(log.get(id, deliveryId));
    }

    @POST
    @Path("{deliveryId}/redelivery")
    @Operation(operationId = "redeliver",
            summary = "Send a finished delivery again now (same webhook-id, fresh retry schedule)")
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(DeliveryView.of(log.redeliver(id, deliveryId))).build();
    }
}
