package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.ListingMedium;
import io.marketplace.integrations.persistence.MediaKind;
import io.marketplace.integrations.service.ListingContent;
import io.marketplace.integrations.service.ListingService;
import io.marketplace.integrations.service.ListingService.ListingRef;
import io.marketplace.integrations.service.ListingSettings;
import io.marketplace.integrations.service.archive.ArchiveReport;
import io.marketplace.platform.problem.FieldError;
import io.marketplace.platform.problem.Problem;
import io.marketplace.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stage 2: a version's settings, per-language listing and images, and how complete they are. */
@Path("/api/v1/integrations/{id}/versions/{n}")
@Tag(name = "listings", description = "Describe a version in each language of the integration")
@RolesAllowed({Roles.DEVELOPER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
// Reads and writes run in one transaction, so the answer is mapped from what was committed.
@Transactional
public class ListingResource {


    @Inject
    ListingService service;

    @GET
    @Path("settings")
    @Operation(operationId = "getSettings", summary = "Get a version's settings",
            description = "The version's settings: duplicate_control, multiple_sources and owner_company.")
    public SettingsResponse settings(@PathParam("id") UUID id, @PathParam("n") int number) {
        return SettingsResponse.from(service.settings(id, number));
    }

    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putSettings", summary = "Set a version's settings",
            description = "Sets the version's settings; drafts only.")
    @APIResponseSchema(value = SettingsResponse.class, responseDescription = "OK")
    @APIResponse(responseCode = "409", description = "The version is not a draft")
    public SettingsResponse putSettings(@PathParam("id") UUID id, @PathParam("n") int number, ListingSettings request) {
        return SettingsResponse.from(service.putSettings(id, number, request));
    }

    @GET
    @Path("listings/{lang}")
    @Operation(operationId = "getListing", summary = "Get a listing",
            description = "The version's listing in one language, with its icon, installed logo and gallery (newest "
                    + "first).")
    public ListingResponse listing(@PathParam("id") UUID id, @PathParam("n") int number, @PathParam("lang") String lang) {
        ListingRef ref = service.listingRef(id, number, lang);
        return ListingResponse.from(service.listing(ref), service.media(ref));
    }

    @PUT
    @Path("listings/{lang}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putListing", summary = "Save a listing",
            description = "Saves the version's listing in one language; drafts only. A field left out is not filled "
                    + "yet: the completeness report says what review still needs.")
    @APIResponseSchema(value = ListingResponse.class, responseDescription = "OK")
    @APIResponse(responseCode = "409", description = "The version is not a draft")
    public ListingResponse putListing(@PathParam("id") UUID id, @PathParam("n") int number, @PathParam("lang") String lang,
            ListingContent request) {
        ListingRef ref = service.listingToChange(id, number, lang);
        return ListingResponse.from(service.putListing(ref, request), service.media(ref));
    }

    @PUT
    @Path("listings/{lang}/icon")
    @Consumes({"image/png", "image/jpeg", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(operationId = "putIcon", summary = "Set the icon",
            description = "Sets the listing's icon: a PNG or JPEG of exactly 400×272 pixels, at most 2 MiB.")
    @APIResponseSchema(value = MediumResponse.class, responseDescription = "OK")
    @APIResponse(responseCode = "409", description = "The version is not a draft")
    @APIResponse(responseCode = "422", description = "Not a PNG or JPEG of the required size")
    public MediumResponse putIcon(@PathParam("id") UUID id, @PathParam("n") int number, @PathParam("lang") String lang,
            byte[] body) {
        return MediumResponse.from(
                service.putSingleImage(service.listingToChange(id, number, lang), MediaKind.ICON, body));
    }

    @PUT
    @Path("listings/{lang}/installed-logo")
    @Consumes({"image/png", "image/jpeg", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(operationId = "putInstalledLogo", summary = "Set the installed logo",
            description = "Sets the logo shown after installation: a PNG or JPEG of exactly 108×108 pixels.")
    @APIResponseSchema(value = MediumResponse.class, responseDescription = "OK")
    @APIResponse(responseCode = "409", description = "The version is not a draft")
    @APIResponse(responseCode = "422", description = "Not a PNG or JPEG of the required size")
    public MediumResponse putInstalledLogo(@PathParam("id") UUID id, @PathParam("n") int number,
            @PathParam("lang") String lang, byte[] body) {
        return MediumResponse.from(
                service.putSingleImage(service.listingToChange(id, number, lang), MediaKind.INSTALLED_LOGO, body));
    }

    @POST
    @Path("listings/{lang}/gallery")
    @Consumes({"image/png", "image/jpeg", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(operationId = "addGalleryImage", summary = "Add a gallery image",
            description = "Adds a gallery image of exactly 1188×616 pixels; it is shown first.")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MediumResponse.class)),
            headers = @Header(name = HttpHeaders.LOCATION, description = "The image's address",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "409", description = "The version is not a draft")
    @APIResponse(responseCode = "422", description = "Not a PNG or JPEG of the required size")
    public Response addGalleryImage(@PathParam("id") UUID id, @PathParam("n") int number, @PathParam("lang") String lang,
            byte[] body, @Context UriInfo uri) {
        ListingMedium medium = service.addGalleryImage(service.listingToChange(id, number, lang), body);
        return Response.created(uri.getAbsolutePathBuilder().path(medium.id.toString()).build())
                .entity(MediumResponse.from(medium)).build();
    }

    @PUT
    @Path("listings/{lang}/gallery/{imageId}")
    @Consumes({"image/png", "image/jpeg", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(operationId = "replaceGalleryImage", summary = "Replace a gallery image",
            description = "Replaces a gallery image; it keeps its place in the gallery.")
    @APIResponseSchema(value = MediumResponse.class, responseDescription = "OK")
    @APIResponse(responseCode = "409", description = "The version is not a draft")
    @APIResponse(responseCode = "422", description = "Not a PNG or JPEG of the required size")
    public MediumResponse replaceGalleryImage(@PathParam("id") UUID id, @PathParam("n") int number,
            @PathParam("lang") String lang, @PathParam("imageId") UUID imageId, byte[] body) {
        return MediumResponse.from(service.replaceGalleryImage(service.listingToChange(id, number, lang), imageId, body));
    }

    @DELETE
    @Path("listings/{lang}/gallery/{imageId}")
    // no body on success: a client that accepts only problems (as generated ones do here) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteGalleryImage", summary = "Remove a gallery image",
            description = "Removes an image from the listing's gallery.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "409", description = "The version is not a draft")
    public Response deleteGalleryImage(@PathParam("id") UUID id, @PathParam("n") int number,
            @PathParam("lang") String lang, @PathParam("imageId") UUID imageId) {
        service.deleteGalleryImage(service.listingToChange(id, number, lang), imageId);
        return Response.noContent().build();
    }

    @GET
    @Path("listings/{lang}/installed-description/preview")
    @Operation(operationId = "previewInstalledDescription", summary = "Preview the installed description",
            description = "The installed description with its tags replaced by the caller's own account values.")
    public InstalledDescriptionPreview previewInstalledDescription(@PathParam("id") UUID id, @PathParam("n") int number,
            @PathParam("lang") String lang) {
        ListingRef ref = service.listingRef(id, number, lang);
        return new InstalledDescriptionPreview(ref.language(), service.previewInstalledDescription(ref));
    }

    @PUT
    @Path("archive")
    @RolesAllowed({Roles.DEVELOPER, Roles.ADMIN, Roles.PUBLISHER})
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(operationId = "putArchive", summary = "Upload the widget archive",
            description = "Uploads widget.zip (at most 10 MiB). It is validated, then stored; when invalid the answer "
                    + "is 400 with the report. With an Idempotency-Key, a retry of the same body answers what the "
                    + "first upload answered.")
    @APIResponse(responseCode = "400", description = "Not valid: an invalid archive's problem carries its report",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(anyOf = {Problem.class, InvalidArchiveMapper.ArchiveProblem.class})))
    @APIResponseSchema(value = ArchiveReport.class, responseDescription = "OK")
    @APIResponse(responseCode = "409", description = "The version is not a draft")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
    public ArchiveReport putArchive(@PathParam("id") UUID id, @PathParam("n") int number,
            @HeaderParam("Idempotency-Key") String idempotencyKey, byte[] body) {
        return service.putArchive(id, number, body, idempotencyKey);
    }

    @GET
    @Path("completeness")
    @RolesAllowed({Roles.DEVELOPER, Roles.ADMIN, Roles.PUBLISHER})
    @Operation(operationId = "getCompleteness", summary = "Check a version's completeness",
            description = "Every missing or invalid field, image, setting and rule before the version can go to "
                    + "review.")
    public CompletenessResponse completeness(@PathParam("id") UUID id, @PathParam("n") int number) {
        List<FieldError> problems = service.completeness(id, number);
        return new CompletenessResponse(number, problems.isEmpty(), problems);
    }
}
