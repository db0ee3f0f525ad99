package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.VersionStatus;
import io.marketplace.integrations.service.ListingService;
import io.marketplace.integrations.service.VersionService;
import io.marketplace.platform.paging.CollectionLink;
import io.marketplace.platform.paging.PageRequest;
import io.marketplace.platform.paging.PageResponse;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/moderation/versions")
@Tag(name = "moderation", description = "The moderators' queue")
@RolesAllowed(Roles.MODERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class ModerationResource {

    @Inject
    VersionService versions;

    @Inject
    ListingService listings;

    @GET
    @Operation(operationId = "listModerationQueue", summary = "List the moderation queue",
            description = "Versions in a status (in_review by default), oldest request first, with their archive "
                    + "report and completeness.")
    public PageResponse<ModerationItem> queue(@QueryParam("status") String status, @QueryParam("page") String page,
            @QueryParam("limit") String limit, @Context UriInfo uri) {
        VersionStatus wanted = status == null ? VersionStatus.IN_REVIEW : Arrays.stream(VersionStatus.values())
                .filter(s -> s.code().equals(status)).findFirst()
                .orElseThrow(() -> ProblemException.invalid("status", "unknown_value", "status must be one of "
                        + String.join(", ", Arrays.stream(VersionStatus.values()).map(VersionStatus::code).toList())));
        PageRequest request = PageRequest.parse(page, limit);
        return PageResponse.of("versions", request, versions.queue(wanted, request).stream()
                .map(version -> ModerationItem.from(version, listings.completeness(version))).toList(),
                CollectionLink.of(uri).with("status", wanted.code()));
    }
}
