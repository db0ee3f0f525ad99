package io.marketplace.integrations.rest;

import io.marketplace.integrations.service.InstallationService.Installed;
import io.marketplace.integrations.service.InstallationService;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The account's "Installed" section (installing and disabling are under {@link MarketplaceResource}). */
@Path("/api/v1/marketplace")
@Tag(name = "marketplace")
@Produces(MediaType.APPLICATION_JSON)
public class InstallationResource {

    @Inject
    InstallationService installations;

    @GET
    @Path("installed")
    @Authenticated
    @Operation(operationId = "listInstalled", summary = "List installed integrations",
            description = "The integrations installed in the caller's account, newest first.")
    public Map<String, List<Installed>> installed() {
        return Map.of("installations", installations.installed());
    }
}
