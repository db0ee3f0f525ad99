package io.marketplace.integrations.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketplace.integrations.persistence.Integration;
import io.marketplace.integrations.service.IntegrationService;
import io.marketplace.integrations.service.NewIntegration;
import io.marketplace.platform.outbox.DeadLetters.DeadLetter;
import io.marketplace.platform.paging.PageRequest;
import io.marketplace.platform.paging.PageResponse;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    @Operation(operationId = "createIntegration",
            summary = "Create a public integration (technical accounts only); version 1 starts as a draft")
    @Transactional
    public Response create(NewIntegration request, @Context UriInfo uri) {
        Integration integration = service.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(integration.id.toString()).build())
                .entity(view(integration))
                .build();
    }

    @GET
    @Operation(operationId = "listIntegrations",
            summary = "My contributions: the account's own integrations with their versions, newest first")
    public PageResponse<IntegrationResponse> list(@QueryParam("page") String page, @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        PageRequest request = PageRequest.parse(page, limit);
        List<Integration> integrations = service.page(request);
        Map<UUID, List<DeadLetter>> undelivered = service.undeliveredNotices(integrations.stream().map(i -> i.id).toList());
        return PageResponse.of("integrations", request, integrations.stream()
                .map(i -> IntegrationResponse.from(i, undelivered.getOrDefault(i.id, List.of()))).toList(), uri);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getIntegration", summary = "One of the account's integrations")
    public IntegrationResponse get(@PathParam("id") UUID id) {
        return view(service.get(id));
    }

    @DELETE
    @Path("{id}")
    @Transactional
    @Operation(operationId = "deleteIntegration",
            summary = "Delete an integration none of whose versions was ever sent to review; 409 otherwise")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
    @Operation(operationId = "patchIntegration",
            summary = "Change redirect_uri, revoke_url (null removes it), scopes or languages; code is fixed")
    @Transactional
    public IntegrationResponse patch(@PathParam("id") UUID id, ObjectNode patch) {
        return view(service.patch(id, patch));
    }

    @PUT
    @Path("{id}/languages/{lang}")
    @Operation(operationId = "addLanguage", summary = "Add a language (idempotent)")
    @Transactional
    public IntegrationResponse addLanguage(@PathParam("id") UUID id, @PathParam("lang") String lang) {
        return view(service.addLanguage(id, lang));
    }

    @DELETE
    @Path("{id}/languages/{lang}")
    @Operation(operationId = "removeLanguage", summary = "Remove a language; removing the only one is 409")
    public Response removeLanguage(@PathParam("id") UUID id, @PathParam("lang") String lang) {
        service.removeLanguage(id, lang);
        return Response.noContent().build();
    }

    private IntegrationResponse view(Integration integration) {
        return IntegrationResponse.from(integration, service.undeliveredNotices(List.of(integration.id))
                .getOrDefault(integration.id, List.of()));
    }
}
