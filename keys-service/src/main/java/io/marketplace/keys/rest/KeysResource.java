package io.marketplace.keys.rest;

import io.marketplace.keys.persistence.Credentials.Client;
import io.marketplace.keys.service.ClientCredentials;
import io.marketplace.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    @GET
    @Operation(summary = "The integration ID (client_id), secret key, webhook secrets, long-lived tokens and publish keys")
    public KeysView keys(@PathParam("id") UUID id) {
        Client client = credentials.ownedClient(id);
        return new KeysView(id, credentials.secretKey(client), client.secretRotatedAt(), credentials.webhookSecrets(id),
                List.of(), List.of());
    }

    @POST
    @Path("secret/rotation")
    @Operation(summary = "Replace the secret key; the old one stops working at once")
    public KeysView rotateSecret(@PathParam("id") UUID id) {
        credentials.rotateSecretKey(id);
        return keys(id);
    }

    @POST
    @Path("webhook-secret/rotation")
    @Operation(summary = "Replace the webhook secret; the old one keeps signing beside the new one for 24 hours")
    public KeysView rotateWebhookSecret(@PathParam("id") UUID id) {
        credentials.rotateWebhookSecret(id);
        return keys(id);
    }
}
