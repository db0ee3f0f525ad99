package io.marketplace.webhooks.rest;

import io.marketplace.platform.security.Roles;
import io.marketplace.webhooks.service.RedirectChecker.Result;
import io.marketplace.webhooks.service.RedirectChecker;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs the redirect URL checks now, besides their schedule (operators, tests). */
@Path("/internal/v1/redirect-checks")
@Tag(name = "internal")
@Extension(name = "x-smallrye-profile-internal", value = "")
@RolesAllowed(Roles.SERVICE)
public class RedirectCheckResource {

    @Inject
    RedirectChecker checker;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "checkRedirectUri",
            summary = "Check every published integration's redirect URL now; changes are reported to integrations-service")
    public List<Result> checkNow() {
        return checker.checkAll();
    }
}
