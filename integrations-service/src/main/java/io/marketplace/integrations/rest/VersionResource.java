package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.IntegrationVersion;
import io.marketplace.integrations.service.VersionLifecycle;
import io.marketplace.integrations.service.VersionService;
import io.marketplace.integrations.service.VersionService.Drafted;
import io.marketplace.platform.paging.CollectionLink;
import io.marketplace.platform.paging.PageRequest;
import io.marketplace.platform.paging.PageResponse;
import io.marketplace.platform.problem.Problem;
import io.marketplace.platform.problem.ProblemException;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
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
    @Operation(operationId = "listVersions", summary = "List versions",
            description = "The integration's versions, newest first, a page at a time.")
    public PageResponse<VersionResponse> list(@PathParam("id") UUID id, @QueryParam("page") String page,
            @QueryParam("limit") String limit, @Context UriInfo uri) {
        PageRequest request = PageRequest.parse(page, limit);
        return PageResponse.of("versions", request, versions.page(id, request).stream().map(this::answer).toList(),
                CollectionLink.of(uri));
    }

    @POST
    @RolesAllowed({Roles.DEVELOPER, Roles.ADMIN, Roles.PUBLISHER})
    @Operation(operationId = "createVersion", summary = "Create a draft version",
            description = "Adds a new draft copied from the latest version. While a draft or a version in review "
                    + "exists this is 409, unless reuse_draft=true, which answers the existing draft with 200 "
                    + "(what a CI pipeline wants).")
    @APIResponse(responseCode = "200", description = "reuse_draft=true and a draft exists: that draft",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VersionResponse.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VersionResponse.class)),
            headers = @Header(name = HttpHeaders.LOCATION, description = "The version's address",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "409", description = "A draft or a version in review exists")
    public Response newDraft(@PathParam("id") UUID id,
            @QueryParam("reuse_draft") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            String reuseDraft, @Context UriInfo uri) {
        Drafted drafted = versions.newDraft(id, flag("reuse_draft", reuseDraft));
        if (!drafted.added()) {
            return Response.ok(answer(drafted.version())).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(Integer.toString(drafted.version().number)).build())
                .entity(answer(drafted.version())).build();
    }

    @GET
    @Path("{n}")
    @RolesAllowed({Roles.DEVELOPER, Roles.ADMIN, Roles.PUBLISHER})
    @Operation(operationId = "getVersion", summary = "Get a version",
            description = "A version with its status, rejection reason, category and history.")
    public VersionResponse get(@PathParam("id") UUID id, @PathParam("n") int number) {
        return answer(versions.version(id, number));
    }

    @DELETE
    @Path("{n}")
    // no body on success: a client that accepts only problems (as generated ones do here) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteVersion", summary = "Delete a draft version",
            description = "Deletes a draft that is not the integration's only version.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Not a draft, or the only version")
    public Response delete(@PathParam("id") UUID id, @PathParam("n") int number) {
        versions.deleteDraft(id, number);
        return Response.noContent().build();
    }

    @POST
    @Path("{n}/review")
    @RolesAllowed({Roles.DEVELOPER, Roles.ADMIN, Roles.PUBLISHER})
    @Operation(operationId = "sendVersionToReview", summary = "Send a version to review",
            description = "Sends a draft to moderation. When it is not complete the answer is 422 with every missing "
                    + "or invalid item.")
    @APIResponseSchema(value = VersionResponse.class, responseDescription = "OK")
    @APIResponse(responseCode = "409", description = "The version is not a draft")
    @APIResponse(responseCode = "422", description = "The version is not complete: errors lists every missing item")
    public VersionResponse review(@PathParam("id") UUID id, @PathParam("n") int number) {
        return answer(versions.requestReview(id, number));
    }

    @POST
    @Path("{n}/cancel")
    @RolesAllowed({Roles.DEVELOPER, Roles.ADMIN, Roles.PUBLISHER})
    @Operation(operationId = "cancelVersionReview", summary = "Withdraw a version from review",
            description = "Takes a version in review back to draft.")
    @APIResponseSchema(value = VersionResponse.class, responseDescription = "OK")
    @APIResponse(responseCode = "409", description = "The version is not in review")
    public VersionResponse cancel(@PathParam("id") UUID id, @PathParam("n") int number) {
        return answer(versions.cancelReview(id, number));
    }

    @POST
    @Path("{n}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "publishVersion", summary = "Publish a version",
            description = "Publishes an approved version in a category (other when left out).")
    @APIResponseSchema(value = VersionResponse.class, responseDescription = "OK")
    @APIResponse(responseCode = "409", description = "The version is not approved")
    public VersionResponse publish(@PathParam("id") UUID id, @PathParam("n") int number, PublishRequest request) {
        return answer(versions.publish(id, number, request == null ? null : request.category()));
    }

    @POST
    @Path("{n}/approve")
    @RolesAllowed(Roles.MODERATOR)
    @Operation(operationId = "approveVersion", summary = "Approve a version",
            description = "Moderators: approve a version in review.")
    @APIResponseSchema(value = VersionResponse.class, responseDescription = "OK")
    @APIResponse(responseCode = "409", description = "The version is not in review")
    public VersionResponse approve(@PathParam("id") UUID id, @PathParam("n") int number) {
        return answer(versions.approve(id, number));
    }

    @POST
    @Path("{n}/reject")
    @RolesAllowed(Roles.MODERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rejectVersion", summary = "Reject a version",
            description = "Moderators: reject a version in review with a reason the developer sees.")
    @APIResponseSchema(value = VersionResponse.class, responseDescription = "OK")
    @APIResponse(responseCode = "409", description = "The version is not in review")
    public VersionResponse reject(@PathParam("id") UUID id, @PathParam("n") int number, RejectRequest request) {
        return answer(versions.reject(id, number, request == null ? null : request.reason()));
    }

    /** true or false, as written: JAX-RS would read anything else ("maybe", "1") as false. */
    private static boolean flag(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.invalid(name, "invalid_value", name + " must be true or false");
    }

    private VersionResponse answer(IntegrationVersion version) {
        return VersionResponse.from(version, lifecycle.history(version));
    }
}
