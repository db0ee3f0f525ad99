package io.marketplace.keys.rest;

import io.marketplace.keys.service.ClientCredentials;
import io.marketplace.keys.service.TokenService;
import io.marketplace.platform.keys.CodeRequest;
import io.marketplace.platform.keys.SigningSecrets;
import io.marketplace.platform.problem.Violations;
import io.marketplace.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What webhook-service asks of keys-service: a code for each code delivery, and what signs its deliveries. */
@Path("/internal/v1")
@Tag(name = "internal")
@Extension(name = "x-smallrye-profile-internal", value = "")
@RolesAllowed(Roles.SERVICE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalGrantsResource {

    @Inject
    TokenService tokens;

    @Inject
    ClientCredentials credentials;

    @POST
    @Path("authorization-codes")
    @Operation(operationId = "issueAuthorizationCode",
            summary = "Issue an authorization code for installation `generation` of (integration, account): 20 minutes,"
            + " single use; 410 once that installation was disabled")
    public Response issueCode(CodeRequest request) {
        Violations violations = new Violations();
        if (request == null) {
            violations.add("", "required", "A JSON body is required").throwIfAny();
        }
        violations.require("client_id", request.clientId());
        violations.requirePositive("account_id", request.accountId());
        violations.requirePositive("generation", request.generation());
        violations.throwIfAny();
        return Response.status(201).entity(tokens.issueInstallationCode(request.clientId(), request.accountId(),
                request.generation(), request.codeChallenge(), request.codeChallengeMethod())).build();
    }

    @GET
    @Path("clients/{id}/signing-secrets")
    @Operation(operationId = "getSigningSecrets",
            summary = "The secret key and live webhook secrets that sign an integration's webhooks")
    public SigningSecrets signingSecrets(@PathParam("id") UUID clientId) {
        return credentials.signingSecrets(clientId);
    }
}
