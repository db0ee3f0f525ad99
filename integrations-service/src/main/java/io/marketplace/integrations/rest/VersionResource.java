package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.IntegrationVersion;
import io.marketplace.integrations.service.VersionLifecycle;
import io.marketplace.integrations.service.VersionService;
import io.marketplace.platform.paging.PageRequest;
import io.marketplace.platform.paging.PageResponse;
import io.marketplace.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A version's lifecycle: draft → in_review → approved | rejected | cancelled; approved → published → superseded. */
@Path("/api/v1/integrations/{id}/versions")
@Tag(name = "versions", description = "Review, moderation and publication of versions")
@RolesAllowed({Roles.DEVELOPER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Transactional
// CI pipelines (publish tokens) may list, create or reuse a draft, read a version, send it to review or withdraw it.
public class VersionResource {

    @Inject
    VersionService versions;


    @Inject
    VersionLifecycle lifecycle;

    @GET
    @RolesAllowed({Roles.DEVELOPER, Roles.ADMIN, Roles.PUBLISHER})
    @Operation(operationId = "listVersions", summary = "The integration's versions, newest first")
    public PageResponse<VersionResponse> list(@PathParam("id") UUID id, @QueryParam("page") String page,
            @QueryParam("limit") String limit, @Context UriInfo uri) {
        PageRequest request = PageRequest.parse(page, limit);
        return PageResponse.of("versions", request, versions.page(id, request).stream().map(this::answer).toList(), uri);
    }

    @POST
    @RolesAllowed({Roles.DEVELOPER, Roles.ADMIN, Roles.PUBLISHER})
    @Operation(operationId = "createVersion",
            summary = "Add a new draft copied from the latest version; 409 while a draft or in-review version exists, "
            + "unless reuse_draft=true, which answers the existing draft (200)")
    public Response newDraft(@PathParam("id") UUID id, @QueryParam("reuse_draft") boolean reuseDraft, @Context UriInfo uri) {
        Optional<IntegrationVersion> existing = reuseDraft ? versions.openDraft(id) : Optional.empty();
        if (existing.isPresent()) {
            return Response.ok(answer(existing.get())).build();
        }
        IntegrationVersion draft = versions.newDraft(id);
        return Response.created(uri.getAbsolutePathBuilder().path(Integer.toString(draft.number)).build())
                .entity(answer(draft)).build();
    }

    @GET
    @Path("{n}")
    @RolesAllowed({Roles.DEVELOPER, Roles.ADMIN, Roles.PUBLISHER})
    @Operation(operationId = "getVersion",
            summary = "A version with its status, rejection reason, category and history")
    public VersionResponse get(@PathParam("id") UUID id, @PathParam("n") int number) {
        return answer(versions.version(id, number));
    }

    @DELETE
    @Path("{n}")
    @Operation(operationId = "deleteVersion", summary = "Delete a draft that is not the integration's only version")
    public Response delete(@PathParam("id") UUID id, @PathParam("n") int number) {
        versions.deleteDraft(id, number);
        return Response.noContent().build();
    }

    @POST
    @Path("{n}/review")
    @RolesAllowed({Roles.DEVELOPER, Roles.ADMIN, Roles.PUBLISHER})
    @Operation(operationId = "sendVersionToReview",
            summary = "Send a draft to review; 422 with every problem when it is not complete")
    public VersionResponse review(@PathParam("id") UUID id, @PathParam("n") int number) {
        return answer(versions.requestReview(id, number));
    }

    @POST
    @Path("{n}/cancel")
    @RolesAllowed({Roles.DEVELOPER, Roles.ADMIN, Roles.PUBLISHER})
    @Operation(operationId = "cancelVersionReview", summary = "Withdraw a version from review")
    public VersionResponse cancel(@PathParam("id") UUID id, @PathParam("n") int number) {
        return answer(versions.cancelReview(id, number));
    }

    @POST
    @Path("{n}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "publishVersion",
            summary = "Publish an approved version in a category (other when left out)")
    public VersionResponse publish(@PathParam("id") UUID id, @PathParam("n") int number, PublishRequest request) {
        return answer(versions.publish(id, number, request == null ? null : request.category()));
    }

    @POST
    @Path("{n}/approve")
    @RolesAllowed(Roles.MODERATOR)
    @Operation(operationId = "approveVersion", summary = "Moderators: approve a version in review")
    public VersionResponse approve(@PathParam("id") UUID id, @PathParam("n") int number) {
        return answer(versions.approve(id, number));
    }

    @POST
    @Path("{n}/reject")
    @RolesAllowed(Roles.MODERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rejectVersion",
            summary = "Moderators: reject a version in review with a reason the developer sees")
    public VersionResponse reject(@PathParam("id") UUID id, @PathParam("n") int number, RejectRequest request) {
        return answer(versions.reject(id, number, request == null ? null : request.reason()));
    }

    private VersionResponse answer(IntegrationVersion version) {
        return VersionResponse.from(version, lifecycle.history(version));
    }
}
