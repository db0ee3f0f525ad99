package io.marketplace.keys.rest;

import io.marketplace.keys.service.ClientCredentials;
import io.marketplace.keys.service.TokenService;
import io.marketplace.platform.keys.CodeOutcomes;
import io.marketplace.platform.keys.CodeRequest;
import io.marketplace.platform.keys.CodeRequests;
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

/**
 * What webhook-service asks of keys-service: the codes of its code deliveries, in batches, and what signs its
 * deliveries; integrations-service asks for one code at a time for its authorization page.
 */
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
        check(violations, "", request);
        violations.throwIfAny();
        return Response.status(201).entity(tokens.issueInstallationCode(request)).build();
    }

    @POST
    @Path("authorization-codes/batch")
    @Operation(operationId = "issueAuthorizationCodes",
            summary = "Issue the codes of up to 100 code deliveries at once: each request's outcome in order, its code or"
            + " the problem that refused it (404, 410) as the single-code operation would answer it")
    public CodeOutcomes issueCodes(CodeRequests batch) {
        Violations violations = new Violations();
        if (batch == null || batch.requests() == null || batch.requests().isEmpty()) {
            violations.add("requests", "required", "requests must list at least one code request").throwIfAny();
        }
        if (batch.requests().size() > CodeRequests.MAX_REQUESTS) {
            violations.add("requests", "too_many", "At most " + CodeRequests.MAX_REQUESTS + " code requests per batch")
                    .throwIfAny();
        }
        for (int i = 0; i < batch.requests().size(); i++) {
            CodeRequest request = batch.requests().get(i);
            if (request == null) {
                violations.add("requests[" + i + "]", "required", "A code request is required");
            } else {
                check(violations, "requests[" + i + "].", request);
            }
        }
        violations.throwIfAny();
        return new CodeOutcomes(tokens.issueInstallationCodes(batch.requests()));
    }

    private static void check(Violations violations, String prefix, CodeRequest request) {
        violations.require(prefix + "client_id", request.clientId());
        violations.requirePositive(prefix + "account_id", request.accountId());
        violations.requirePositive(prefix + "generation", request.generation());
        if (request.codeChallenge() != null && !"S256".equals(request.codeChallengeMethod())) {
            violations.add(prefix + "code_challenge_method", "unsupported", "Only S256 PKCE challenges are supported");
        }
    }

    @GET
    @Path("clients/{id}/signing-secrets")
    @Operation(operationId = "getSigningSecrets",
            summary = "The secret key and live webhook secrets that sign an integration's webhooks")
    public SigningSecrets signingSecrets(@PathParam("id") UUID clientId) {
        return credentials.signingSecrets(clientId);
    }
}
