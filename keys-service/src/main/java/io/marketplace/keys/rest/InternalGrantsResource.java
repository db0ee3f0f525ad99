package io.marketplace.keys.rest;

import io.marketplace.keys.service.ClientCredentials;
import io.marketplace.keys.service.TokenService;
import io.marketplace.platform.keys.AccountScopedRequest;
import io.marketplace.platform.keys.CodeRequest;
import io.marketplace.platform.keys.GrantRevocationRequest;
import io.marketplace.platform.keys.IssuedCode;
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
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What integrations-service asks at install and uninstall, and what webhook-service signs with. */
@Path("/internal/v1")
@Tag(name = "internal")
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
    @Operation(summary = "Issue an authorization code for (integration, account): 20 minutes, single use")
    public Response issueCode(CodeRequest request) {
        requireAccount(request);
        String code = tokens.issueCode(request.clientId(), request.accountId(), request.codeChallenge(),
                request.codeChallengeMethod());
        return Response.status(201).entity(new IssuedCode(code, 1200)).build();
    }

    @GET
    @Path("clients/{id}/signing-secrets")
    @Operation(summary = "The secret key and live webhook secrets that sign an integration's webhooks")
    public SigningSecrets signingSecrets(@PathParam("id") UUID clientId) {
        return credentials.signingSecrets(clientId);
    }

    @POST
    @Path("grants/revocations")
    @Operation(summary = "Revoke every token an account holds for an integration (it was disabled)")
    public Map<String, Integer> revokeAll(GrantRevocationRequest request) {
        requireAccount(request);
        return Map.of("revoked_grants", tokens.revokeAll(request.clientId(), request.accountId()));
    }

    /** Both requests name an integration and an account: a body, a client_id and a positive account_id. */
    private static void requireAccount(AccountScopedRequest request) {
        Violations violations = new Violations();
        if (request == null) {
            violations.add("", "required", "A JSON body is required").throwIfAny();
        }
        violations.require("client_id", request.clientId());
        if (violations.require("account_id", request.accountId()) && request.accountId() <= 0) {
            violations.add("account_id", "invalid", "account_id must be a positive integer");
        }
        violations.throwIfAny();
    }
}
