package io.marketplace.keys.rest;

import io.marketplace.keys.service.TokenSigner;
import io.marketplace.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operations: rotate the token signing key now (it also rotates by itself every 30 days). */
@Path("/internal/v1/signing-keys/rotation")
@Tag(name = "internal")
@Extension(name = "x-smallrye-profile-internal", value = "")
@RolesAllowed(Roles.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeyResource {

    @Inject
    TokenSigner signer;

    @POST
    @Operation(operationId = "rotateSigningKey",
            summary = "Activate a new signing key; tokens signed by the previous one keep verifying until they expire")
    public Map<String, String> rotate() {
        return Map.of("kid", signer.rotate());
    }
}
