package io.marketplace.integrations.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.integrations.service.CatalogCache;
import io.marketplace.integrations.service.InstallationService;
import io.marketplace.integrations.service.InstallationService.Installed;
import io.marketplace.integrations.service.Marketplace;
import io.marketplace.integrations.service.Marketplace.Query;
import io.marketplace.platform.paging.CollectionLink;
import io.marketplace.platform.paging.PageResponse;
import io.marketplace.platform.problem.Problem;
import io.marketplace.platform.problem.Violations;
import io.marketplace.platform.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The marketplace catalog (anonymous reads are allowed), and installing and disabling in the caller's account. */
@Path("/api/v1/marketplace/integrations")
@Tag(name = "marketplace", description = "Browse published integrations")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class MarketplaceResource {

    @Inject
    Marketplace marketplace;

    @Inject
    InstallationService installations;

    @Inject
    CatalogCache cache;

    @Inject
    ObjectMapper json;

    @GET
    @Operation(operationId = "listMarketplace", summary = "Browse the marketplace",
            description = "Published integrations in a language (lang, default en), by category, searched by words "
                    + "(q), a page at a time: {_page, _links, _embedded: {integrations: [...]}}.")
    @APIResponse(responseCode = "200", description = "A page of the catalog",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CatalogPage.class)))
    public Response list(@QueryParam("lang") String lang, @QueryParam("category") String category,
            @QueryParam("q") String q, @QueryParam("page") String page, @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        Query query = Marketplace.query(lang, category, q, page, limit);
        CollectionLink link = CollectionLink.of(uri).with("lang", query.language()).with("category", query.category())
                .with("q", query.terms().isEmpty() ? null : String.join(" ", query.terms()));
        Supplier<byte[]> render = () -> json(PageResponse.of("integrations", query.page(),
                marketplace.page(query).stream().map(row -> CatalogEntry.of(row, query.language())).toList(), link));
        // one entry per page as its link names it: parameters the catalog ignores or spells differently share it
        byte[] body = marketplace.seesPublishedOnly() ? cache.get(link.page(query.page()), render) : render.get();
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    private byte[] json(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A catalog page could not be written as JSON", e);
        }
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getMarketplaceCard", summary = "Get an integration's card",
            description = "One published integration's card: listing, icon, gallery (newest first) and version.")
    public CatalogCard card(@PathParam("id") UUID id, @QueryParam("lang") String lang) {
        Violations violations = new Violations();
        String language = Marketplace.language(lang, violations);
        violations.throwIfAny();
        return CatalogCard.of(marketplace.card(id, language), language);
    }

    @POST
    @Path("{id}/installation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "installIntegration", summary = "Install an integration",
            description = "Installs the integration in the caller's account. Idempotent: 201 the first time, 200 "
                    + "after. The developer receives an authorization code at the redirect URI.")
    @APIResponse(responseCode = "200", description = "Already installed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Installed.class)))
    @APIResponse(responseCode = "201", description = "Installed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Installed.class)))
    @APIResponse(responseCode = "409", description = "The integration cannot be installed in this account now, or it "
            + "has no widget and installs only from its developer's site")
    public Response install(@PathParam("id") UUID id, InstallationRequest request) {
        Installed installed = installations.install(id, request == null ? null : request.language());
        return Response.status(installed.created() ? 201 : 200).entity(installed).build();
    }

    @DELETE
    @Path("{id}/installation")
    @RolesAllowed(Roles.ADMIN)
    // no body on success: a client that accepts only problems (as generated ones do here) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "disableIntegration", summary = "Disable an integration",
            description = "Disables the integration in the caller's account: its tokens are revoked, the developer is "
                    + "notified and an uninstall is counted.")
    @APIResponse(responseCode = "204", description = "Disabled")
    public Response disable(@PathParam("id") UUID id) {
        installations.disable(id);
        return Response.noContent().build();
    }
}
