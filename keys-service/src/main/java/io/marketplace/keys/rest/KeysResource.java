package io.marketplace.keys.rest;

import io.marketplace.keys.persistence.CredentialRepository.Client;
import io.marketplace.keys.service.ClientCredentials;
import io.marketplace.keys.service.ClientKeys;
import io.marketplace.keys.service.ClientKeys.NewLongLivedToken;
import io.marketplace.keys.service.ClientKeys.NewPublishKey;
import io.marketplace.keys.service.ClientKeys.OwnAuthorizationCode;
import io.marketplace.platform.problem.Problem;
import io.marketplace.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Keys view of an integration, for admins of its owning technical account. */
@Path("/api/v1/integrations/{id}/keys")
@Tag(name = "keys", description = "An integration's credentials")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class KeysResource {

    @Inject
    ClientCredentials credentials;

    @Inject
    ClientKeys keys;

    @GET
    @Operation(operationId = "getKeys", summary = "Get an integration's keys",
            description = "The integration ID (client_id), the secret key, the webhook secrets, the long-lived tokens "
                    + "and the publish keys.")
    public KeysView keys(@PathParam("id") UUID id) {
        Client client = credentials.ownedClient(id);
        return new KeysView(id, credentials.secretKey(client), client.secretRotatedAt(), credentials.webhookSecrets(id),
                keys.longLivedTokens(id), keys.publishKeys(id));
    }

    @POST
    @Path("secret/rotation")
    @Operation(operationId = "rotateSecretKey", summary = "Rotate the secret key",
            description = "Replaces the secret key; the old one stops working at once.")
    public KeysView rotateSecret(@PathParam("id") UUID id) {
        credentials.rotateSecretKey(id);
        return keys(id);
    }

    @POST
    @Path("webhook-secret/rotation")
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate the webhook secret",
            description = "Replaces the webhook secret; the old one keeps signing beside the new one for 24 hours, and one"
                    + " rotated out earlier stops at once: at most two secrets sign.")
    public KeysView rotateWebhookSecret(@PathParam("id") UUID id) {
        credentials.rotateWebhookSecret(id);
        return keys(id);
    }

    @POST
    @Path("publish-keys")
    @Operation(operationId = "createPublishKey", summary = "Create a publish key",
            description = "Makes a publish key for CI, shown once: the client_id and client_secret of the "
                    + "client_credentials grant, whose tokens may only push new versions.")
    @APIResponse(responseCode = "201", description = "Created; the key is shown only now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NewPublishKey.class)))
    public Response createPublishKey(@PathParam("id") UUID id) {
        return Response.status(201).entity(keys.createPublishKey(id)).build();
    }

    @DELETE
    @Path("publish-keys/{keyId}")
    // no body on success: a client that accepts only problems (as generated ones do here) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "revokePublishKey", summary = "Revoke a publish key",
            description = "Revokes a publish key and the tokens issued with it.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revokePublishKey(@PathParam("id") UUID id, @PathParam("keyId") UUID keyId) {
        keys.revokePublishKey(id, keyId);
        return Response.noContent().build();
    }

    @POST
    @Path("authorization-code")
    @Operation(operationId = "createOwnAuthorizationCode",
            summary = "Create an authorization code for your own account",
            description = "An authorization code for the technical account itself, once it has test-installed the "
                    + "integration: 20 minutes, single use, shown once.")
    @APIResponse(responseCode = "201", description = "Created; the code is shown only now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OwnAuthorizationCode.class)))
    @APIResponse(responseCode = "409", description = "The integration is not installed in the technical account")
    public Response createOwnAuthorizationCode(@PathParam("id") UUID id) {
        return Response.status(201).entity(keys.createOwnAuthorizationCode(id)).build();
    }

    @POST
    @Path("long-lived-tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createLongLivedToken", summary = "Create a long-lived token",
            description = "Makes the technical account's own token for this integration, valid from 1 day to 5 years "
                    + "(default 1 year), shown once.")
    @APIResponse(responseCode = "201", description = "Created; the token is shown only now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NewLongLivedToken.class)))
    public Response createLongLivedToken(@PathParam("id") UUID id, LongLivedTokenRequest request) {
        return Response.status(201).entity(keys.createLongLivedToken(id, request == null ? null : request.expiresAt())).build();
    }

    @DELETE
    @Path("long-lived-tokens/{tokenId}")
    // no body on success: a client that accepts only problems (as generated ones do here) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "revokeLongLivedToken", summary = "Revoke a long-lived token",
            description = "Revokes a long-lived token at once.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revokeLongLivedToken(@PathParam("id") UUID id, @PathParam("tokenId") UUID tokenId) {
        keys.revokeLongLivedToken(id, tokenId);
        return Response.noContent().build();
    }

    public record LongLivedTokenRequest(Instant expiresAt) {
    }
}
