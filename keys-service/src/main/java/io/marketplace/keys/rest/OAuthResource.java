package io.marketplace.keys.rest;

import io.marketplace.keys.service.ClientCredentials;
import io.marketplace.keys.service.OAuthException;
import io.marketplace.keys.service.TokenIntrospection;
import io.marketplace.keys.service.TokenService.ClientAuthentication;
import io.marketplace.keys.service.TokenSigner;
import io.marketplace.platform.security.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The JWKS, RFC 7662 introspection and RFC 7009 revocation (the token endpoint has its own class). For introspection
 * and revocation the caller authenticates as an integration (its client_id and secret; it learns about its own tokens
 * only) or, for introspection, as a marketplace service (bearer token).
 */
@Path("/oauth2")
@Tag(name = "oauth2")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class OAuthResource {

    @Inject
    TokenIntrospection introspection;

    @Inject
    ClientCredentials credentials;

    @Inject
    SecurityIdentity identity;

    @Inject
    TokenSigner signer;

    @GET
    @Path("jwks")
    @Produces({"application/jwk-set+json", MediaType.APPLICATION_JSON})
    @Operation(operationId = "getJwks", summary = "Get the JSON Web Key Set",
            description = "The public keys that verify this server's tokens; cached for 5 minutes.")
    @APIResponse(responseCode = "200", description = "The key set",
            headers = @Header(name = HttpHeaders.CACHE_CONTROL, description = "max-age=300",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = "application/jwk-set+json",
                    schema = @Schema(implementation = OAuthSchemas.JsonWebKeySet.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OAuthSchemas.JsonWebKeySet.class))})
    @SecurityRequirementsSet({})
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(signer.jwks()).cacheControl(cache).build();
    }

    @POST
    @Path("introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "introspectToken", summary = "Introspect a token",
            description = "Whether a token is active, and what it grants (RFC 7662). The caller authenticates as the "
                    + "integration (it learns about its own tokens only) or as a marketplace service.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = OAuthSchemas.TokenReference.class)))
    @APIResponse(responseCode = "200", description = "The token's state",
            headers = {@Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Pragma", description = "no-cache", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OAuthSchemas.Introspection.class)))
    @APIResponse(responseCode = "401", description = "invalid_client: the client did not authenticate",
            headers = @Header(name = HttpHeaders.WWW_AUTHENTICATE,
                    description = "Basic, when the client tried HTTP Basic",
                    schema = @Schema(type = SchemaType.STRING)))
    @SecurityRequirementsSet(@SecurityRequirement(name = ClientAuthentications.BASIC_SCHEME))
    @SecurityRequirementsSet({})
    @SecurityRequirementsSet(@SecurityRequirement(name = "bearer", scopes = Roles.SERVICE))
    public Response introspect(String form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Map<String, String> params = ClientAuthentications.single(form);
        UUID client = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && identity.hasRole(Roles.SERVICE) ? null : authenticated(ClientAuthentications.of(params, authorization));
        if (params.get("token") == null) {
            throw OAuthException.invalidRequest("token is required");
        }
        return noStore(Response.ok(introspection.introspect(params.get("token"), client)));
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "revokeToken", summary = "Revoke a token",
            description = "Revokes a refresh token (and its grant), a long-lived token, or an access token (RFC "
                    + "7009). Unknown tokens and other clients' tokens get the same answer.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = OAuthSchemas.TokenReference.class)))
    @APIResponse(responseCode = "200", description = "Revoked, or nothing to revoke",
            headers = {@Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Pragma", description = "no-cache", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "401", description = "invalid_client: the client did not authenticate",
            headers = @Header(name = HttpHeaders.WWW_AUTHENTICATE,
                    description = "Basic, when the client tried HTTP Basic",
                    schema = @Schema(type = SchemaType.STRING)))
    @SecurityRequirementsSet(@SecurityRequirement(name = ClientAuthentications.BASIC_SCHEME))
    @SecurityRequirementsSet({})
    public Response revoke(String form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Map<String, String> params = ClientAuthentications.single(form);
        UUID client = authenticated(ClientAuthentications.of(params, authorization));
        if (params.get("token") == null) {
            throw OAuthException.invalidRequest("token is required");
        }
        introspection.revoke(params.get("token"), client);
        return noStore(Response.ok());
    }

    private UUID authenticated(ClientAuthentication client) {
        UUID clientId = uuid(client.clientId());
        if (clientId == null || !credentials.authenticates(clientId, client.secret())) {
            throw new OAuthException(401, "invalid_client", "The caller must authenticate as the integration", client.basic());
        }
        return clientId;
    }

    private static Response noStore(Response.ResponseBuilder answer) {
        return answer.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    Response bearerRefused() {
        return OAuthErrorMapper.bearerRefused();
    }
}
