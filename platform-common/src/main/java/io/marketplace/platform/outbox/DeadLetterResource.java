package io.marketplace.platform.outbox;

import io.marketplace.platform.outbox.DeadLetters.DeadLetter;
import io.marketplace.platform.paging.CollectionLink;
import io.marketplace.platform.paging.PageRequest;
import io.marketplace.platform.paging.PageResponse;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.security.Roles;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For operators (a service token): the events this service's neighbours refused for good, and their replay. */
@Path("/internal/v1/outbox/dead-letters")
@Tag(name = "internal", description = "Service-to-service endpoints")
@Extension(name = "x-smallrye-profile-internal", value = "")
@RolesAllowed(Roles.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    /** How many dead letters a replay sent again. */
    public record Replayed(int replayed) {
    }

    @GET
    @Operation(operationId = "listDeadLetters",
            summary = "Events a neighbour refused for good, oldest first, with the refusal; destination filters")
    public PageResponse<DeadLetter> list(@QueryParam("destination") String destination, @QueryParam("page") String page,
            @QueryParam("limit") String limit, @Context UriInfo uri) {
        PageRequest request = PageRequest.parse(page, limit);
        return PageResponse.of("dead_letters", request, deadLetters.page(destination, request),
                CollectionLink.of(uri).with("destination", destination));
    }

    @POST
    @Path("{eventId}/replay")
    @Operation(operationId = "replayDeadLetter",
            summary = "Send one dead letter again (after the neighbour or the event's cause was fixed)")
    public Replayed replay(@PathParam("eventId") UUID eventId) {
        if (!deadLetters.replay(eventId)) {
            throw ProblemException.notFound("No dead letter " + eventId);
        }
        return new Replayed(1);
    }

    @POST
    @Path("replay")
    @Operation(operationId = "replayDeadLetters", summary = "Send every dead letter again, or those of one destination")
    public Replayed replayAll(@QueryParam("destination") String destination) {
        return new Replayed(deadLetters.replayAll(destination));
    }
}
