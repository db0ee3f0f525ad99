package io.marketplace.integrations.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketplace.integrations.persistence.Integration;
import io.marketplace.integrations.service.IntegrationService;
import io.marketplace.integrations.service.NewIntegration;
import io.marketplace.platform.outbox.DeadLetters.DeadLetter;
import io.marketplace.platform.paging.CollectionLink;
import io.marketplace.platform.paging.PageRequest;
import io.marketplace.platform.paging.PageResponse;
import io.marketplace.platform.problem.Problem;
import io.marketplace.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stage 1 of a public integration, for developers and admins of technical accounts ("My contributions"). */
@Path("/api/v1/integrations")
@Tag(name = "integrations", description = "Create and manage your account's public integrations")
@RolesAllowed({Roles.DEVELOPER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
// Writes run in one transaction from the service call to the response mapping, so the answer shows what was committed.
public class IntegrationResource {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    @Inject
    IntegrationService service;


    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createIntegration", summary = "Create an integration",
            description = "Creates a public integration for the caller's technical account. Its version 1 starts as a "
                    + "draft; its id is also its OAuth client_id.")
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The integration's address",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IntegrationResponse.class)))
    @APIResponse(responseCode = "409", description = "The widget code is already taken")
    @Transactional
    public Response create(NewIntegration request, @Context UriInfo uri) {
        Integration integration = service.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(integration.id.toString()).build())
                .entity(view(integration))
                .build();
    }

    @GET
    @Operation(operationId = "listIntegrations", summary = "List my integrations",
            description = "\"My contributions\": the account's own integrations with their versions, newest first, "
                    + "a page at a time.")
    public PageResponse<IntegrationResponse> list(@QueryParam("page") String page, @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        PageRequest request = PageRequest.parse(page, limit);
        List<Integration> integrations = service.page(request);
        Map<UUID, List<DeadLetter>> undelivered = service.undeliveredNotices(integrations.stream().map(i -> i.id).toList());
        return PageResponse.of("integrations", request, integrations.stream()
                .map(i -> IntegrationResponse.from(i, undelivered.getOrDefault(i.id, List.of()))).toList(),
                CollectionLink.of(uri));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getIntegration", summary = "Get an integration",
            description = "One of the account's integrations, with its versions and any notice a neighbour refused.")
    public IntegrationResponse get(@PathParam("id") UUID id) {
        return view(service.get(id));
    }

    @DELETE
    @Path("{id}")
    @Transactional
    // no body on success: a client that accepts only problems (as generated ones do here) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteIntegration", summary = "Delete an integration",
            description = "Deletes an integration none of whose versions was ever sent to review, with its test "
                    + "installations; anything else is 409.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "A version was sent to review")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
    @Operation(operationId = "patchIntegration", summary = "Change an integration",
            description = "A JSON merge patch (RFC 7396) of redirect_uri, revoke_url (null removes it), scopes or "
                    + "languages. The code never changes.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntegrationPatch.class)),
            @Content(mediaType = MERGE_PATCH_JSON, schema = @Schema(implementation = IntegrationPatch.class))})
    @Transactional
    public IntegrationResponse patch(@PathParam("id") UUID id, ObjectNode patch) {
        return view(service.patch(id, patch));
    }

    @PUT
    @Path("{id}/languages/{lang}")
    @Operation(operationId = "addLanguage", summary = "Add a language",
            description = "Adds a listing language to the integration; adding one it has is a no-op.")
    @Transactional
    public IntegrationResponse addLanguage(@PathParam("id") UUID id, @PathParam("lang") String lang) {
        return view(service.addLanguage(id, lang));
    }

    @DELETE
    @Path("{id}/languages/{lang}")
    // no body on success: a client that accepts only problems (as generated ones do here) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "removeLanguage", summary = "Remove a language",
            description = "Removes a listing language; removing the only one is 409.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "409", description = "It is the integration's only language")
    public Response removeLanguage(@PathParam("id") UUID id, @PathParam("lang") String lang) {
        service.removeLanguage(id, lang);
        return Response.noContent().build();
    }

    private IntegrationResponse view(Integration integration) {
        return IntegrationResponse.from(integration, service.undeliveredNotices(List.of(integration.id))
                .getOrDefault(integration.id, List.of()));
    }
}
