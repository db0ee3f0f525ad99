package io.marketplace.webhooks.client;

import io.marketplace.platform.keys.CodeRequest;
import io.marketplace.platform.keys.IssuedCode;
import io.marketplace.platform.keys.SigningSecrets;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** keys-service's internal endpoints that webhook-service calls. */
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
}
