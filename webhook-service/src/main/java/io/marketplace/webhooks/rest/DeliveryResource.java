package io.marketplace.webhooks.rest;

import io.marketplace.platform.paging.CollectionLink;
import io.marketplace.platform.paging.PageResponse;
import io.marketplace.platform.security.Roles;
import io.marketplace.webhooks.service.DeliveryLog;
import io.marketplace.webhooks.service.DeliveryLog.Filter;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @Operation(operationId = "listDeliveries", summary = "List deliveries",
            description = "The integration's webhook deliveries, newest first, each with its attempts; filtered by "
                    + "status, from and to (a date or an instant), a page at a time.")
    public PageResponse<DeliveryView> list(@PathParam("id") UUID id, @QueryParam("status") String status,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") String page,
            @QueryParam("limit") String limit, @Context UriInfo uri) {
        Filter filter = DeliveryLog.filter(status, from, to, page, limit);
        return PageResponse.of("deliveries", filter.page(), log.list(id, filter).stream().map(DeliveryView::of).toList(),
                CollectionLink.of(uri).with("status", status).with("from", from).with("to", to));
    }

    @GET
    @Path("{deliveryId}")
    @Operation(operationId = "getDelivery", summary = "Get a delivery",
            description = "One delivery with its attempts.")
    public DeliveryView get(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return DeliveryView.of(log.get(id, deliveryId));
    }

    @POST
    @Path("{deliveryId}/redelivery")
    @Operation(operationId = "redeliver", summary = "Redeliver",
            description = "Sends a finished delivery again now, with the same webhook-id and a fresh retry schedule.")
    @APIResponse(responseCode = "202", description = "Queued again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "409", description = "The delivery is still in progress")
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(DeliveryView.of(log.redeliver(id, deliveryId))).build();
    }
}
