package io.marketplace.integrations.rest;

import io.marketplace.integrations.service.ListingService;
import io.marketplace.integrations.service.archive.ArchiveReport;
import io.marketplace.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The dry run of an archive upload: the same report, nothing stored, always 200. */
@Path("/api/v1/integrations/{id}/archive-checks")
@Tag(name = "listings")
@RolesAllowed({Roles.DEVELOPER, Roles.ADMIN, Roles.PUBLISHER})
@Produces(MediaType.APPLICATION_JSON)
public class ArchiveCheckResource {

    @Inject
    ListingService service;

    @POST
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(operationId = "checkArchive", summary = "Check a widget archive",
            description = "Validates a widget.zip against the integration's languages without storing it.")
    public ArchiveReport check(@PathParam("id") UUID id, byte[] body) {
        return service.checkArchive(id, body);
    }
}
