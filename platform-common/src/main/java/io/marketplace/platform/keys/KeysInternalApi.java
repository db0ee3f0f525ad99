package io.marketplace.platform.keys;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * keys-service's internal endpoints its neighbours call: webhook-service for the codes of its code deliveries (in
 * batches) and signing secrets, integrations-service for the codes of the authorization page.
 */
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface KeysInternalApi {

    @GET
    @Path("clients/{id}/signing-secrets")
    SigningSecrets signingSecrets(@PathParam("id") UUID clientId);

    @POST
    @Path("authorization-codes")
    IssuedCode issueCode(CodeRequest request);

    @POST
    @Path("authorization-codes/batch")
    CodeOutcomes issueCodes(CodeRequests requests);
}
