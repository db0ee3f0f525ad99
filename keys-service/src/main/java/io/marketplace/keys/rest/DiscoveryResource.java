package io.marketplace.keys.rest;

import io.marketplace.keys.config.KeysConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Authorization server metadata (RFC 8414, and the OpenID Connect discovery form). Anonymous. */
@Path("/")
@Tag(name = "oauth2", description = "OAuth 2.0 authorization server")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

    @Inject
    KeysConfig config;


    @GET
    @Path(".well-known/oauth-authorization-server")
    @Operation(operationId = "getAuthorizationServerMetadata", summary = "Get the authorization server metadata",
            description = "Where the endpoints are and what they support (RFC 8414).")
    @APIResponseSchema(value = OAuthSchemas.AuthorizationServerMetadata.class, responseDescription = "The metadata")
    public Map<String, Object> metadata(@Context UriInfo uri) {
        String base = uri.getBaseUri().toString().replaceAll("/$", "");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", config.issuer());
        metadata.put("authorization_endpoint", config.authorizationEndpoint());
        metadata.put("token_endpoint", base + "/oauth2/access_token");
        metadata.put("jwks_uri", base + "/oauth2/jwks");
        metadata.put("revocation_endpoint", base + "/oauth2/revoke");
        metadata.put("introspection_endpoint", base + "/oauth2/introspect");
        metadata.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic"));
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        metadata.put("scopes_supported", List.of("crm", "notifications", "files", "files_delete", "versions:write"));
        return metadata;
    }

    @GET
    @Path(".well-known/openid-configuration")
    @Operation(operationId = "getOpenidConfiguration", summary = "Get the metadata at the OpenID Connect discovery path",
            description = "The same metadata, where OpenID Connect discovery clients look for it (Quarkus OIDC finds the "
                    + "keys of CI publish tokens here). This server issues no ID tokens and offers no user info, so the "
                    + "document claims neither.")
    @APIResponseSchema(value = OAuthSchemas.AuthorizationServerMetadata.class, responseDescription = "The metadata")
    public Map<String, Object> openidConfiguration(@Context UriInfo uri) {
        return metadata(uri);
    }
}
