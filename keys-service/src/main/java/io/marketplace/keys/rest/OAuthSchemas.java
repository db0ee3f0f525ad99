package io.marketplace.keys.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the OAuth endpoints' bodies for the OpenAPI document. The endpoints themselves read forms and answer
 * maps, as the RFCs define them field by field (a parameter given twice is an error, unknown ones are ignored), so
 * these records only describe the wire.
 */
final class OAuthSchemas {

    private OAuthSchemas() {
    }

    @Schema(description = "A token request (RFC 6749 §4.1.3, §6, §4.4). The client authenticates with HTTP Basic or "
            + "with client_id and client_secret here, never both.", requiredProperties = "grant_type")
    record TokenRequest(
            @Schema(enumeration = {"authorization_code", "refresh_token", "client_credentials"},
                    examples = "authorization_code") String grantType,
            @Schema(description = "authorization_code: the code delivered to the redirect URI") String code,
            @Schema(description = "authorization_code: the registered redirect URI", format = "uri",
                    examples = "https://dev.example.com/oauth") String redirectUri,
            @Schema(description = "authorization_code: the PKCE verifier, when the code has a challenge") String codeVerifier,
            @Schema(description = "refresh_token: the refresh token (rotated: the answer carries a new one)")
            String refreshToken,
            @Schema(description = "The integration ID, or a publish key's id", format = "uuid") String clientId,
            @Schema(description = "The secret key, or the publish key") String clientSecret,
            @Schema(description = "client_credentials: versions:write (the only scope of publish keys)") String scope) {
    }

    @Schema(description = "A token to introspect (RFC 7662) or revoke (RFC 7009), with the client's credentials "
            + "unless it authenticates with HTTP Basic (or, for introspection, as a marketplace service)",
            requiredProperties = "token")
    record TokenReference(
            @Schema(description = "An access token, a refresh token or a long-lived token") String token,
            @Schema(enumeration = {"access_token", "refresh_token"}) String tokenTypeHint,
            @Schema(format = "uuid") String clientId,
            String clientSecret) {
    }

    @Schema(description = "What a token is (RFC 7662): only active=false for a token that is not live or not the "
            + "caller's", requiredProperties = "active")
    record Introspection(
            boolean active,
            @Schema(enumeration = {"Bearer", "refresh_token"}) String tokenType,
            @Schema(examples = "crm notifications") String scope,
            @Schema(format = "uuid") String clientId,
            @Schema(description = "The account the integration is installed in") Long accountId,
            String sub,
            List<String> aud,
            String iss,
            @Schema(description = "Expiry, seconds since the epoch") Long exp,
            @Schema(description = "Issue time, seconds since the epoch") Long iat,
            @Schema(format = "uuid") String jti) {
    }

    @Schema(description = "The public keys that verify this server's tokens (RFC 7517)", requiredProperties = "keys")
    record JsonWebKeySet(List<JsonWebKey> keys) {
    }

    @Schema(description = "A P-256 public key", requiredProperties = {"kty", "kid", "crv", "x", "y"})
    record JsonWebKey(
            @Schema(enumeration = "EC") String kty,
            String kid,
            @Schema(enumeration = "sig") String use,
            @Schema(enumeration = "ES256") String alg,
            @Schema(enumeration = "P-256") String crv,
            @Schema(description = "base64url") String x,
            @Schema(description = "base64url") String y) {
    }

    @Schema(description = "Authorization server metadata (RFC 8414)", type = SchemaType.OBJECT,
            requiredProperties = {"issuer", "token_endpoint", "jwks_uri"})
    record AuthorizationServerMetadata(
            @Schema(format = "uri") String issuer,
            @Schema(format = "uri", description = "The authorization page (integrations-service's /oauth)")
            String authorizationEndpoint,
            @Schema(format = "uri") String tokenEndpoint,
            @Schema(format = "uri") String jwksUri,
            @Schema(format = "uri") String revocationEndpoint,
            @Schema(format = "uri") String introspectionEndpoint,
            List<String> grantTypesSupported,
            List<String> responseTypesSupported,
            List<String> tokenEndpointAuthMethodsSupported,
            List<String> codeChallengeMethodsSupported,
            List<String> scopesSupported) {
    }
}
